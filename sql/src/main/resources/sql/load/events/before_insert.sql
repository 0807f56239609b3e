-- The monthly partitions the rows fall in, created inside the import's transaction (rolled back with it).
SELECT ensure_event_partitions(min(ts), max(ts)) FROM staging WHERE reject_reason IS NULL
