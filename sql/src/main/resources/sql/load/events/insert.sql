-- In file order: event_id is the tie-breaker between events with the same timestamp, so it must follow the file.
-- Events are de-duplicated by their natural key (see V13_2_1): the n-th identical row of the file is the same event
-- as an n-th identical row loaded before, and is skipped, so a file imported again after it grew adds only its
-- new rows. Two identical rows in one file are two real taps and are both kept (occurrence 1 and 2).
INSERT INTO events (user_id, ts, event_name, track_id, session_id, occurrence)
SELECT u.user_id, s.ts, s.event_name, t.track_id, s.session_id,
       row_number() OVER (PARTITION BY s.user_key, s.ts, s.event_name, s.track_key, s.session_id ORDER BY s.line_no)
FROM staging s
JOIN users u ON u.user_key = s.user_key
LEFT JOIN tracks t ON t.track_key = s.track_key
WHERE s.reject_reason IS NULL
ORDER BY s.line_no
ON CONFLICT (ts, user_id, event_name, track_id, session_id, occurrence) DO NOTHING
