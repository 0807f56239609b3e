-- The install day of every user with a FIRST_INSTALL on a pending day; an earlier install already known wins.
-- Only the pending days' events are read (one index range per day), never the whole history.
INSERT INTO user_installs (user_id, install_ts, install_day)
SELECT e.user_id, min(e.ts), (min(e.ts) AT TIME ZONE 'UTC')::date
FROM rollup_pending_days p
JOIN events e ON e.ts >= (p.day::timestamp AT TIME ZONE 'UTC')
             AND e.ts < ((p.day + 1)::timestamp AT TIME ZONE 'UTC')
WHERE e.event_name = 'FIRST_INSTALL'
GROUP BY e.user_id
ON CONFLICT (user_id) DO UPDATE
    SET install_ts = EXCLUDED.install_ts, install_day = EXCLUDED.install_day
    WHERE EXCLUDED.install_ts < user_installs.install_ts
