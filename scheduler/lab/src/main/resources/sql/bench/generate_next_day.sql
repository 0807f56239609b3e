-- Benchmark data only: the day after the loaded ones, as a daily import brings it. A new install cohort (user ids
-- from parameter 1, parameter 2 users, each FIRST_INSTALL then about parameter 3 events later that day) and the
-- returning users: everyone active on the day before (parameter 4 - 1 day) comes back with one to three events.
-- Rows go in sorted by time, as in generate_events.sql. Partitions must exist.
WITH params AS (
    SELECT ?::int AS first_id, ?::int AS users, ?::int AS per_user,
           ((?::date)::timestamp AT TIME ZONE 'UTC') AS day_start
),
cohort AS (
    SELECT p.first_id + g - 1 AS user_id, p.day_start + random() * interval '12 hours' AS install_ts, p.per_user
    FROM params p, generate_series(1, p.users) AS g
),
returning_users AS (
    SELECT DISTINCT e.user_id
    FROM events e, params p
    WHERE e.ts >= p.day_start - interval '1 day' AND e.ts < p.day_start
)
INSERT INTO events (user_id, ts, event_name)
SELECT user_id, ts, event_name FROM (
    SELECT c.user_id,
           CASE WHEN g.n = 0 THEN c.install_ts ELSE c.install_ts + random() * interval '12 hours' END AS ts,
           CASE WHEN g.n = 0 THEN 'FIRST_INSTALL' WHEN g.n % 5 = 1 THEN 'OPEN' WHEN g.n % 3 = 0 THEN 'SKIP'
                ELSE 'PLAY' END AS event_name
    FROM cohort c
    CROSS JOIN LATERAL generate_series(0, (random() * 2 * c.per_user + c.user_id * 0)::int) AS g(n)
    UNION ALL
    SELECT r.user_id, p.day_start + random() * interval '1 day',
           CASE WHEN g.n = 0 THEN 'OPEN' ELSE 'PLAY' END
    FROM returning_users r
    CROSS JOIN params p
    CROSS JOIN LATERAL generate_series(0, (random() * 2 + r.user_id * 0)::int) AS g(n)
) day
ORDER BY ts
