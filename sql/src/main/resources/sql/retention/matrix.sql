-- Cohort retention matrix from the rollups (never the raw events). Cohort: users whose install day (first
-- FIRST_INSTALL, UTC) lies in [from, to], grouped by that day or by its ISO week (Monday). Period n of a user is
-- day n after their own install day (by day), or days 7(n-1)+1 .. 7n after it (by week).
-- active_exact: cohort users active in period n. active_rolling: cohort users active in period n or any later one.
-- Parameters: 1 from, 2 to, 3 'day' | 'week', 4 number of periods.
-- The CTEs are MATERIALIZED: inlined, the per-cell rolling subquery would recompute the whole join for every cell.
WITH params AS (
    SELECT ?::date AS d_from, ?::date AS d_to, ?::text AS cohort_by, ?::int AS periods
), cohort AS (
    SELECT i.user_id, i.install_day,
           CASE WHEN p.cohort_by = 'week' THEN date_trunc('week', i.install_day)::date ELSE i.install_day END
               AS cohort_start
    FROM user_installs i, params p
    WHERE i.install_day BETWEEN p.d_from AND p.d_to
), activity AS MATERIALIZED (
    SELECT c.cohort_start, c.user_id,
           CASE WHEN p.cohort_by = 'week' THEN (a.day - c.install_day + 6) / 7 ELSE a.day - c.install_day END
               AS period
    FROM cohort c
    JOIN daily_active_users a ON a.user_id = c.user_id AND a.day > c.install_day
    CROSS JOIN params p
), exact AS MATERIALIZED (
    SELECT cohort_start, period, count(*) AS users  -- one row per (user, day): distinct users per week period
    FROM (SELECT DISTINCT cohort_start, user_id, period FROM activity, params p WHERE period <= p.periods) d
    GROUP BY cohort_start, period
), last_period AS (
    SELECT cohort_start, least(max(period), (SELECT periods FROM params)) AS last, user_id
    FROM activity
    GROUP BY cohort_start, user_id
), last_histogram AS MATERIALIZED (
    SELECT cohort_start, last, count(*) AS users FROM last_period GROUP BY cohort_start, last
), sizes AS (
    SELECT cohort_start, count(*) AS cohort_size FROM cohort GROUP BY cohort_start
)
SELECT s.cohort_start, s.cohort_size, g.period,
       coalesce(e.users, 0) AS active_exact,
       (SELECT coalesce(sum(h.users), 0) FROM last_histogram h
        WHERE h.cohort_start = s.cohort_start AND h.last >= g.period) AS active_rolling
FROM sizes s
CROSS JOIN params p
CROSS JOIN LATERAL generate_series(1, p.periods) AS g(period)
LEFT JOIN exact e ON e.cohort_start = s.cohort_start AND e.period = g.period
ORDER BY s.cohort_start, g.period
