-- Benchmark data only: the PLAY and SKIP events of the sessions of one day with ids in (from, to], in time order
-- (each index then grows at its right edge). Play k of a session starts 210 s × k plus up to 29 s after the
-- session's start; 40% of plays are of one of the user's 4 favourite artists (its tracks by popularity), the others
-- Zipf-like over the catalogue (track = 1 + floor(tracks * u^3): the low ids are the hits). A play is skipped
-- with a probability from the user's taste for skipping, the track's, premium (less) and a favourite artist (half):
-- a SKIP of the same track 5..154 s after the PLAY, before the next play starts. Every event has a track and a session.
-- The plays are a materialised CTE: each draw is made once a play, not again for each event row that reads it.
-- Parameters: 1 salt base, 2 tracks, 3 artists, 4 day, 5 from, 6 to.
WITH p AS (
    SELECT ?::bigint AS salt, ?::int AS tracks, ?::int AS artists, ?::int AS day, ?::bigint AS from_id,
           ?::bigint AS to_id
), drawn AS MATERIALIZED (
    SELECT s.session_id, s.user_id, p.salt, k.play_key,
           s.start_ts + (210 * k.g + floor(30 * bench_uniform(k.play_key, p.salt + 21))::int)
               * interval '1 second' AS play_ts,
           bench_uniform(k.play_key, p.salt + 22) < 0.4 AS favourite,
           CASE WHEN bench_uniform(k.play_key, p.salt + 22) < 0.4
                THEN (1 + floor(p.artists * power(bench_uniform(s.user_id::bigint * 4
                          + floor(4 * bench_uniform(k.play_key, p.salt + 23))::int, p.salt + 31), 2))::int)
                     + p.artists * floor((p.tracks / p.artists) * power(bench_uniform(k.play_key, p.salt + 24), 2))::int
                ELSE 1 + floor(p.tracks * power(bench_uniform(k.play_key, p.salt + 26), 3))::int
           END AS track_id
    FROM p
    JOIN bench_sessions s ON s.day = p.day AND s.session_id > p.from_id AND s.session_id <= p.to_id
    CROSS JOIN LATERAL (SELECT g, s.session_id * 256 + g AS play_key FROM generate_series(0, s.plays - 1) AS g) k
), plays AS MATERIALIZED (
    SELECT d.user_id, d.session_id, d.track_id, d.play_ts,
           d.play_ts + (5 + floor(150 * bench_uniform(d.play_key, d.salt + 27))::int) * interval '1 second' AS skip_ts,
           bench_uniform(d.play_key, d.salt + 25)
               < (0.1 + 0.35 * bench_uniform(d.user_id, d.salt + 41) + 0.2 * bench_uniform(d.track_id, d.salt + 42)
                  - CASE WHEN bench_uniform(d.user_id, d.salt + 3) < 0.3 THEN 0.05::float8 ELSE 0.0::float8 END)
                 * CASE WHEN d.favourite THEN 0.5::float8 ELSE 1.0::float8 END AS skipped
    FROM drawn d
)
INSERT INTO events (user_id, ts, event_name, track_id, session_id)
SELECT user_id, ts, name, track_id, session_id
FROM (SELECT user_id, play_ts AS ts, 'PLAY' AS name, track_id, session_id FROM plays
      UNION ALL
      SELECT user_id, skip_ts, 'SKIP', track_id, session_id FROM plays WHERE skipped) e
ORDER BY ts
