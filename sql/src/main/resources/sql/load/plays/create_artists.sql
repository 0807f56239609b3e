-- For Last.fm 360K, whose artists are known only from the play rows: a new artist key becomes an artist. When rows
-- of one MusicBrainz id spell the name differently, the name kept is the smallest (a hash aggregate; first-seen
-- would need a sort of every row).
INSERT INTO artists (artist_key, name)
SELECT s.artist_key, min(s.artist_name)
FROM staging s
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM artists a WHERE a.artist_key = s.artist_key)
GROUP BY s.artist_key
