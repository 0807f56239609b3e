UPDATE staging s
SET reject_field = 'user_id', reject_reason = format('unknown user_id %L', s.user_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

UPDATE staging s
SET reject_field = 'artist_id', reject_reason = format('unknown artist_id %L', s.artist_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM artists a WHERE a.artist_key = s.artist_key);

-- A (user, artist) count already in the warehouse is not overwritten: the earlier load stands.
UPDATE staging s
SET reject_field = 'user_id,artist_id',
    reject_reason = format('plays of user_id %L for artist_id %L already loaded', s.user_key, s.artist_key)
WHERE s.reject_reason IS NULL
  AND EXISTS (SELECT 1
              FROM plays p
              JOIN users u ON u.user_id = p.user_id
              JOIN artists a ON a.artist_id = p.artist_id
              WHERE u.user_key = s.user_key AND a.artist_key = s.artist_key);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'user_id,artist_id',
    reject_reason = format('duplicate user_id %L, artist_id %L, first at line %s', s.user_key, s.artist_key, d.first_line)
FROM (SELECT user_key, artist_key, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY user_key, artist_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.user_key = d.user_key AND s.artist_key = d.artist_key
  AND s.line_no > d.first_line;
