-- For formats whose users are known only from their play rows (HetRec) or may be missing from the profile file
-- (Last.fm 360K): a user key that is not in the warehouse yet becomes a user with an unknown profile.
INSERT INTO users (user_key)
SELECT s.user_key
FROM staging s
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key)
GROUP BY s.user_key
ORDER BY min(s.line_no)
