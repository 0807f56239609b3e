-- The last UTC day that has events: the demo's business date.
SELECT max(ts)::date FROM events
