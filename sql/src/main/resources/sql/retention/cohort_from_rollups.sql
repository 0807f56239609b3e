-- The seed's question answered from the rollups: of the users who first installed on the install date, how many
-- were active on any of days day_from..day_to after it. Same answer as cohort_retained.sql on the raw events, and
-- still available after the purge. Parameters: 1 install date, 2 day_from, 3 day_to.
WITH params AS (
    SELECT ?::date AS install_date, ?::int AS day_from, ?::int AS day_to
)
SELECT count(*) AS cohort_size,
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM daily_active_users a
           WHERE a.user_id = i.user_id
             AND a.day BETWEEN p.install_date + p.day_from AND p.install_date + p.day_to)) AS retained
FROM user_installs i
CROSS JOIN params p
WHERE i.install_day = p.install_date
