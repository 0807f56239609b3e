-- For the generic events CSV (a piwik_track dump is often the only source of users): a user key that is not in the
-- warehouse yet becomes a user with an unknown profile.
INSERT INTO users (user_key)
SELECT s.user_key
FROM staging s
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key)
GROUP BY s.user_key
ORDER BY min(s.line_no)
