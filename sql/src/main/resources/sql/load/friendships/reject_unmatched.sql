UPDATE staging s
SET reject_field = 'userID', reject_reason = format('unknown userID %L', s.user_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

UPDATE staging s
SET reject_field = 'friendID', reject_reason = format('unknown friendID %L', s.friend_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.friend_key);

UPDATE staging s
SET reject_field = 'friendID', reject_reason = 'a user cannot be their own friend'
WHERE s.reject_reason IS NULL AND s.user_key = s.friend_key;

-- A pair already in the warehouse is not loaded twice: the earlier load stands.
UPDATE staging s
SET reject_field = 'friendID', reject_reason = format('friendship %s -> %s already loaded', s.user_key, s.friend_key)
WHERE s.reject_reason IS NULL
  AND EXISTS (SELECT 1 FROM friendships f
              JOIN users u ON u.user_id = f.user_id
              JOIN users v ON v.user_id = f.friend_id
              WHERE u.user_key = s.user_key AND v.user_key = s.friend_key);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'friendID', reject_reason = format('duplicate friendship %s -> %s, first at line %s',
                                                      s.user_key, s.friend_key, d.first_line)
FROM (SELECT user_key, friend_key, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY user_key, friend_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.user_key = d.user_key AND s.friend_key = d.friend_key
  AND s.line_no > d.first_line;
