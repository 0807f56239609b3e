INSERT INTO tag_assignments (user_id, artist_id, tag_id, tagged_on)
SELECT u.user_id, a.artist_id, s.tag_id, s.tagged_on
FROM staging s
JOIN users u ON u.user_key = s.user_key
JOIN artists a ON a.artist_key = s.artist_key
WHERE s.reject_reason IS NULL
ORDER BY s.line_no
