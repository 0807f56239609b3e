-- Day-N retention of one install cohort (the seed's question, parameterised).
-- Cohort: users whose first FIRST_INSTALL falls on the install date. Retained: cohort users with any other
-- event on install_date + day_from .. install_date + day_to, both days included.
-- Every range is half-open on timestamps ([start, end)): the seed's `BETWEEN to_date(D+1) AND to_date(D+7)`
-- compares a timestamp with midnight of D+7 and so silently drops everything that happened later that day.
-- Parameters: 1 install date, 2 day_from, 3 day_to.
WITH params AS (
    SELECT ?::date AS install_date, ?::int AS day_from, ?::int AS day_to
), cohort AS (
    SELECT e.user_id
    FROM events e
    WHERE e.event_name = 'FIRST_INSTALL'
    GROUP BY e.user_id
    HAVING min(e.ts) >= (SELECT install_date FROM params)::timestamptz
       AND min(e.ts) <  ((SELECT install_date FROM params) + 1)::timestamptz
)
SELECT (SELECT count(*) FROM cohort) AS cohort_size,
       (SELECT count(DISTINCT e.user_id)
        FROM events e
        JOIN cohort c ON c.user_id = e.user_id
        CROSS JOIN params p
        WHERE e.event_name <> 'FIRST_INSTALL'
          AND e.ts >= (p.install_date + p.day_from)::timestamptz
          AND e.ts <  (p.install_date + p.day_to + 1)::timestamptz) AS retained
