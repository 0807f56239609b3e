-- Benchmark data only: tracks 1..tracks, track t by artist 1 + (t - 1) % artists (so an artist's tracks are
-- a, a + artists, a + 2 artists, ...; the most popular tracks, the low ids, are by different artists), 2 to 7
-- minutes, 320 kbit/s. Parameters: 1 salt base, 2 tracks, 3 artists.
INSERT INTO tracks (track_id, track_key, artist_id, title, duration_ms, size_bytes, storage_class, daily_cost)
OVERRIDING SYSTEM VALUE
SELECT id, 't' || lpad(id::text, greatest(6, length(id::text)), '0'), 1 + (id - 1) % p.artists, 'Track ' || id,
       d.ms, d.ms * 40, 'standard', d.ms * 40 * 1e-11
FROM (SELECT ?::bigint AS salt, ?::int AS tracks, ?::int AS artists) p, generate_series(1, p.tracks) AS id,
     LATERAL (SELECT 120000 + floor(300000 * power(bench_uniform(id, p.salt + 6), 2))::int AS ms) d
