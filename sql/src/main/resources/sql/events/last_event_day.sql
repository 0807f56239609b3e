-- The last UTC day that has events: the demo's business date, and where the purge measures its window from.
SELECT (max(ts) AT TIME ZONE 'UTC')::date FROM events
