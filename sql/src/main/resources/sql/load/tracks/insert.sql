-- In file order, so that surrogate ids follow the file.
INSERT INTO tracks (track_key, artist_id, title, duration_ms, size_bytes, storage_class, daily_cost)
SELECT s.track_key, a.artist_id, s.title, s.duration_ms, s.size_bytes, s.storage_class, s.daily_cost
FROM staging s
JOIN artists a ON a.artist_key = s.artist_key
WHERE s.reject_reason IS NULL
ORDER BY s.line_no
