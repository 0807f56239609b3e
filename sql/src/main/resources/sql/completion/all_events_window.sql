-- Every event with a user of a time window in load order by time: the completion features replay them.
-- Parameters: window start (inclusive), window end (exclusive).
SELECT user_id, ts, event_name, track_id, session_id
FROM events
WHERE ts >= ? AND ts < ?
ORDER BY ts, event_id
