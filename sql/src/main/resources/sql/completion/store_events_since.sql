-- Every event from a time on, in replay order (timestamp, then load order), with its id: the feature store's load.
-- Parameters: first instant (inclusive).
SELECT event_id, user_id, ts, event_name, track_id, session_id
FROM events
WHERE ts >= ?
ORDER BY ts, event_id
