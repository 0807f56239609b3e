UPDATE staging s
SET reject_field = 'user_id', reject_reason = format('unknown user_id %L', s.user_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

UPDATE staging s
SET reject_field = 'artist_id', reject_reason = format('unknown artist_id %L', s.artist_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM artists a WHERE a.artist_key = s.artist_key);

-- A (user, artist) count already in the warehouse is not overwritten: the earlier load stands. (The uncorrelated
-- EXISTS is a one-time filter: into an empty plays table, nothing is scanned.)
UPDATE staging s
SET reject_field = 'user_id,artist_id',
    reject_reason = format('plays of user_id %L for artist_id %L already loaded', s.user_key, s.artist_key)
WHERE s.reject_reason IS NULL
  AND (SELECT EXISTS (SELECT 1 FROM plays))
  AND EXISTS (SELECT 1
              FROM plays p
              JOIN users u ON u.user_id = p.user_id
              JOIN artists a ON a.artist_id = p.artist_id
              WHERE u.user_key = s.user_key AND a.artist_key = s.artist_key);

-- Within the file the first line wins. The importer hashed every pair while streaming and put the pairs seen twice
-- in dup_candidates (a superset of the duplicates: hashes can collide), so only those are grouped here, not the
-- whole file.
UPDATE staging s
SET reject_field = 'user_id,artist_id',
    reject_reason = format('duplicate user_id %L, artist_id %L, first at line %s', s.user_key, s.artist_key, d.first_line)
FROM (SELECT st.user_key, st.artist_key, min(st.line_no) AS first_line
      FROM staging st
      JOIN dup_candidates c ON c.key_1 = st.user_key AND c.key_2 = st.artist_key
      WHERE st.reject_reason IS NULL AND (SELECT EXISTS (SELECT 1 FROM dup_candidates))
      GROUP BY st.user_key, st.artist_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.user_key = d.user_key AND s.artist_key = d.artist_key
  AND s.line_no > d.first_line;
