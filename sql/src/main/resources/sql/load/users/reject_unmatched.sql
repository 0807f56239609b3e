-- A user already in the warehouse is not overwritten: the earlier load stands.
UPDATE staging s
SET reject_field = 'user_id', reject_reason = format('user_id %L already loaded', s.user_key)
WHERE s.reject_reason IS NULL
  AND EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'user_id', reject_reason = format('duplicate user_id %L, first at line %s', s.user_key, d.first_line)
FROM (SELECT user_key, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY user_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.user_key = d.user_key AND s.line_no > d.first_line;
