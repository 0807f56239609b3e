-- Benchmark data only: sessions drawn with ids 1..N, each for a user, a day and one of the day's 8 three-hour slots.
-- Activity is skewed: user = 1 + floor(users * u^1.5), so the lowest user ids listen most (the density falls as
-- id^-1/3). The service grows: day = floor(days * u^0.7), more sessions on later days. A user has at most one session
-- a slot (a second draw of the same slot is dropped, which one by a hash so that drops do not depend on the id), and
-- a session ends at least 31 minutes before its slot does: a user's sessions never overlap and are more than the
-- 30 minutes apart after which a play starts a new session (PlayFeatures.SESSION_GAP_MS), as real sessions are.
-- A session has 1 + Exp(mean 9) plays, at most 40 (40 plays of 210 s fit a slot), and starts at a whole second.
-- Parameters: 1 salt base, 2 sessions, 3 users, 4 first day, 5 days.
INSERT INTO bench_sessions (session_id, user_id, day, start_ts, plays)
SELECT DISTINCT ON (d.user_id, d.day, d.slot) d.s, d.user_id, d.day,
       ((d.first_day + d.day)::timestamp AT TIME ZONE 'UTC')
           + (d.slot * 10800 + floor((10800 - 1860 - 210 * d.plays - 200) * bench_uniform(d.s, d.salt + 13))::int)
             * interval '1 second',
       d.plays
FROM (
    SELECT s, p.salt, p.first_day, 1 + floor(p.users * power(bench_uniform(s, p.salt + 11), 1.5))::int AS user_id,
           floor(p.days * power(bench_uniform(s, p.salt + 12), 0.7))::int AS day,
           floor(8 * bench_uniform(s, p.salt + 15))::int AS slot,
           least(40, 1 + floor(-ln(1 - bench_uniform(s, p.salt + 14)) * 9))::int AS plays
    FROM (SELECT ?::bigint AS salt, ?::bigint AS sessions, ?::int AS users, ?::date AS first_day, ?::int AS days) p,
         generate_series(1::bigint, p.sessions) AS s
) d
ORDER BY d.user_id, d.day, d.slot, bench_uniform(d.s, d.salt + 16)
