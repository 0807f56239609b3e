-- The install day of every user with a FIRST_INSTALL on a pending day; an earlier install already known wins.
-- Only the pending days' events are read (one index range per day), never the whole history. The users whose install
-- day is set or moved here are noted with their previous one: the matrix cells of their active days change too.
WITH candidates AS (
    SELECT e.user_id, min(e.ts) AS install_ts
    FROM rollup_pending_days p
    JOIN events e ON e.ts >= (p.day::timestamp AT TIME ZONE 'UTC')
                 AND e.ts < ((p.day + 1)::timestamp AT TIME ZONE 'UTC')
    WHERE e.event_name = 'FIRST_INSTALL'
    GROUP BY e.user_id
), previous AS (
    -- Data-modifying CTEs all see the snapshot from before the statement: these are the days before the upsert.
    SELECT i.user_id, i.install_day FROM user_installs i JOIN candidates c USING (user_id)
), upserted AS (
    INSERT INTO user_installs (user_id, install_ts, install_day)
    SELECT user_id, install_ts, (install_ts AT TIME ZONE 'UTC')::date FROM candidates
    ON CONFLICT (user_id) DO UPDATE
        SET install_ts = EXCLUDED.install_ts, install_day = EXCLUDED.install_day
        WHERE EXCLUDED.install_ts < user_installs.install_ts
    RETURNING user_id
)
INSERT INTO rollup_changed_installs (user_id, old_install_day)
SELECT u.user_id, p.install_day FROM upserted u LEFT JOIN previous p USING (user_id)
