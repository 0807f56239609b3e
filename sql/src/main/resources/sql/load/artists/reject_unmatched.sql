-- An artist already in the warehouse is not overwritten: the earlier load stands.
UPDATE staging s
SET reject_field = 'artist_id', reject_reason = format('artist_id %L already loaded', s.artist_key)
WHERE s.reject_reason IS NULL
  AND EXISTS (SELECT 1 FROM artists a WHERE a.artist_key = s.artist_key);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'artist_id', reject_reason = format('duplicate artist_id %L, first at line %s', s.artist_key, d.first_line)
FROM (SELECT artist_key, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY artist_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.artist_key = d.artist_key AND s.line_no > d.first_line;
