-- In file order: event_id is the tie-breaker between events with the same timestamp, so it must follow the file.
INSERT INTO events (user_id, ts, event_name, track_id, session_id)
SELECT u.user_id, s.ts, s.event_name, t.track_id, s.session_id
FROM staging s
JOIN users u ON u.user_key = s.user_key
LEFT JOIN tracks t ON t.track_key = s.track_key
WHERE s.reject_reason IS NULL
ORDER BY s.line_no
