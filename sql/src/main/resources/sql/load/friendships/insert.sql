INSERT INTO friendships (user_id, friend_id)
SELECT u.user_id, v.user_id
FROM staging s
JOIN users u ON u.user_key = s.user_key
JOIN users v ON v.user_key = s.friend_key
WHERE s.reject_reason IS NULL
ORDER BY s.line_no
