-- Cohort retention matrix from the rollups (never the raw events). Cohort: users whose install day (first
-- FIRST_INSTALL, UTC) lies in [from, to], grouped by that day or by its ISO week (Monday). Period n of a user is
-- day n after their own install day (by day), or days 7(n-1)+1 .. 7n after it (by week).
-- active_exact: cohort users active in period n. active_rolling: cohort users active in period n or any later one,
-- so a user counts in every period up to their last active one (capped at the last period shown).
-- Parameters: 1 from, 2 to, 3 'day' | 'week', 4 number of periods.
-- Per cohort user, two index probes into daily_active_users (user_id, day): the days inside the matrix's window,
-- and the last active day ever. Joining every active day of every cohort user instead took 18 s on the rollups of
-- 50M events (README); the cost now grows with the cells shown, not with the users' whole history.
WITH params AS (
    SELECT ?::date AS d_from, ?::date AS d_to, ?::text AS cohort_by, ?::int AS periods
), p AS (
    SELECT d_from, d_to, periods, CASE WHEN cohort_by = 'week' THEN 7 ELSE 1 END AS days_per_period FROM params
), cohort AS MATERIALIZED (
    SELECT i.user_id, i.install_day,
           CASE WHEN p.days_per_period = 7 THEN date_trunc('week', i.install_day)::date ELSE i.install_day END
               AS cohort_start
    FROM user_installs i, p
    WHERE i.install_day BETWEEN p.d_from AND p.d_to
), exact AS MATERIALIZED (
    SELECT cohort_start, period, count(DISTINCT user_id) AS users
    FROM (SELECT c.cohort_start, c.user_id, (a.day - c.install_day + p.days_per_period - 1) / p.days_per_period AS period
          FROM cohort c
          CROSS JOIN p
          JOIN daily_active_users a ON a.user_id = c.user_id AND a.day > c.install_day
                                   AND a.day <= c.install_day + p.days_per_period * p.periods) d
    GROUP BY cohort_start, period
), last_histogram AS MATERIALIZED (
    SELECT c.cohort_start,
           least((l.day - c.install_day + p.days_per_period - 1) / p.days_per_period, p.periods) AS last,
           count(*) AS users
    FROM cohort c
    CROSS JOIN p
    CROSS JOIN LATERAL (SELECT max(a.day) AS day FROM daily_active_users a
                        WHERE a.user_id = c.user_id AND a.day > c.install_day) l
    WHERE l.day IS NOT NULL
    GROUP BY 1, 2
), sizes AS (
    SELECT cohort_start, count(*) AS cohort_size FROM cohort GROUP BY cohort_start
)
SELECT s.cohort_start, s.cohort_size, g.period,
       coalesce(e.users, 0) AS active_exact,
       (SELECT coalesce(sum(h.users), 0) FROM last_histogram h
        WHERE h.cohort_start = s.cohort_start AND h.last >= g.period) AS active_rolling
FROM sizes s
CROSS JOIN p
CROSS JOIN LATERAL generate_series(1, p.periods) AS g(period)
LEFT JOIN exact e ON e.cohort_start = s.cohort_start AND e.period = g.period
ORDER BY s.cohort_start, g.period
