UPDATE staging s
SET reject_field = 'userID', reject_reason = format('unknown userID %L', s.user_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

-- As for plays: an artist artists.dat does not list is not invented.
UPDATE staging s
SET reject_field = 'artistID', reject_reason = format('unknown artistID %L', s.artist_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM artists a WHERE a.artist_key = s.artist_key);

-- An assignment already in the warehouse is not loaded twice: the earlier load stands.
UPDATE staging s
SET reject_field = 'tagID', reject_reason = format('tag %s of artist %s by user %s already loaded', s.tag_id,
                                                   s.artist_key, s.user_key)
WHERE s.reject_reason IS NULL
  AND EXISTS (SELECT 1 FROM tag_assignments t
              JOIN users u ON u.user_id = t.user_id
              JOIN artists a ON a.artist_id = t.artist_id
              WHERE u.user_key = s.user_key AND a.artist_key = s.artist_key AND t.tag_id = s.tag_id);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'tagID', reject_reason = format('duplicate tag %s of artist %s by user %s, first at line %s',
                                                   s.tag_id, s.artist_key, s.user_key, d.first_line)
FROM (SELECT user_key, artist_key, tag_id, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY user_key, artist_key, tag_id HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.user_key = d.user_key AND s.artist_key = d.artist_key AND s.tag_id = d.tag_id
  AND s.line_no > d.first_line;
