-- The monthly partitions of events (named events_pYYYYMM by ensure_event_partitions), oldest first.
SELECT c.relname
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'events'::regclass
ORDER BY c.relname
