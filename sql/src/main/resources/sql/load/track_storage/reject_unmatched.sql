UPDATE staging s
SET reject_field = 'track_id', reject_reason = format('unknown track_id %L', s.track_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.track_key = s.track_key);

-- Within the file the first line wins.
UPDATE staging s
SET reject_field = 'track_id', reject_reason = format('duplicate track_id %L, first at line %s', s.track_key, d.first_line)
FROM (SELECT track_key, min(line_no) AS first_line
      FROM staging WHERE reject_reason IS NULL
      GROUP BY track_key HAVING count(*) > 1) d
WHERE s.reject_reason IS NULL AND s.track_key = d.track_key AND s.line_no > d.first_line;
