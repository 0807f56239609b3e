INSERT INTO plays (user_id, artist_id, plays)
SELECT u.user_id, a.artist_id, s.plays
FROM staging s
JOIN users u ON u.user_key = s.user_key
JOIN artists a ON a.artist_key = s.artist_key
WHERE s.reject_reason IS NULL
