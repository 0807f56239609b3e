-- Served predictions of a window of play times, each with the PLAY it predicted if that happened: the first PLAY
-- of that user and track at exactly the predicted time (no play: NULL columns).
-- Parameters: play time from (inclusive), to (exclusive).
SELECT p.variant, p.model_name, p.version, p.probability, p.threshold,
       play.session_id, play.user_id, play.track_id, play.ts, play.event_id
FROM prediction_log p
LEFT JOIN users u ON u.user_key = p.user_key
LEFT JOIN tracks t ON t.track_key = p.track_key
LEFT JOIN LATERAL (
    SELECT e.session_id, e.user_id, e.track_id, e.ts, e.event_id
    FROM events e
    WHERE e.ts = p.play_ts AND e.user_id = u.user_id AND e.track_id = t.track_id AND e.event_name = 'PLAY'
    ORDER BY e.event_id
    LIMIT 1) play ON true
WHERE p.play_ts >= ? AND p.play_ts < ?
ORDER BY p.play_ts, p.tracking_id
