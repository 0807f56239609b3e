-- Benchmark data only: artists 1..N. Parameters: 1 artists.
INSERT INTO artists (artist_id, artist_key, name) OVERRIDING SYSTEM VALUE
SELECT id, 'a' || lpad(id::text, greatest(6, length(id::text)), '0'), 'Artist ' || id
FROM generate_series(1, ?::int) AS id
