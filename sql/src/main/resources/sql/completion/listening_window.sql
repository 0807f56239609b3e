-- PLAY and SKIP events of a time window, in session order; ties keep load order (event_id), which is how
-- a SKIP that shares its timestamp with the next PLAY is still matched to the PLAY before it.
-- Parameters: window start (inclusive), window end (exclusive).
SELECT session_id, user_id, track_id, ts, event_name = 'SKIP' AS is_skip
FROM events
WHERE event_name IN ('PLAY', 'SKIP')
  AND track_id IS NOT NULL
  AND session_id IS NOT NULL
  AND ts >= ? AND ts < ?
ORDER BY session_id, ts, event_id
