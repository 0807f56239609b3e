-- Cohort retention matrix from the matrix rollups (never the raw events). Cohort: users whose install day (first
-- FIRST_INSTALL, UTC) lies in [from, to], grouped by that day or by its ISO week (Monday). Period n of a user is
-- day n after their own install day (by day), or days 7(n-1)+1 .. 7n after it (by week).
-- active_exact: cohort users active in period n (cohort_day_activity / cohort_week_activity, summed over the
-- install days of the cohort). active_rolling: cohort users active in period n or any later one, i.e. whose last
-- active day (user_installs.last_active_day) falls in period n or later.
-- Parameters: 1 from, 2 to, 3 'day' | 'week', 4 number of periods.
WITH params AS (
    SELECT ?::date AS d_from, ?::date AS d_to, ?::text AS cohort_by, ?::int AS periods
), p AS (
    SELECT d_from, d_to, periods, CASE WHEN cohort_by = 'week' THEN 7 ELSE 1 END AS days_per_period FROM params
), installs AS MATERIALIZED (
    SELECT CASE WHEN p.days_per_period = 7 THEN date_trunc('week', i.install_day)::date ELSE i.install_day END
               AS cohort_start,
           -- 0 for a user never active after install (least() would skip the NULL and give the last period)
           CASE WHEN i.last_active_day IS NULL THEN 0
                ELSE least((i.last_active_day - i.install_day + p.days_per_period - 1) / p.days_per_period, p.periods)
           END AS last,
           count(*) AS users
    FROM user_installs i, p
    WHERE i.install_day BETWEEN p.d_from AND p.d_to
    GROUP BY 1, 2
), sizes AS (
    SELECT cohort_start, sum(users) AS cohort_size FROM installs GROUP BY cohort_start
), exact AS MATERIALIZED (
    SELECT c.install_day AS cohort_start, c.day - c.install_day AS period, c.users
    FROM cohort_day_activity c, p
    WHERE p.days_per_period = 1 AND c.install_day BETWEEN p.d_from AND p.d_to
      AND c.day <= c.install_day + p.periods
    UNION ALL
    SELECT date_trunc('week', c.install_day)::date, c.week, sum(c.users)
    FROM cohort_week_activity c, p
    WHERE p.days_per_period = 7 AND c.install_day BETWEEN p.d_from AND p.d_to AND c.week <= p.periods
    GROUP BY 1, 2
)
SELECT s.cohort_start, s.cohort_size, g.period,
       coalesce(e.users, 0) AS active_exact,
       (SELECT coalesce(sum(h.users), 0) FROM installs h
        WHERE h.cohort_start = s.cohort_start AND h.last >= g.period) AS active_rolling
FROM sizes s
CROSS JOIN p
CROSS JOIN LATERAL generate_series(1, p.periods) AS g(period)
LEFT JOIN exact e ON e.cohort_start = s.cohort_start AND e.period = g.period
ORDER BY s.cohort_start, g.period
