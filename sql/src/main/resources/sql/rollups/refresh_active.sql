-- The users active on each pending day (any event but FIRST_INSTALL). Events are only ever added (the purge drops
-- whole old months and keeps these rows), so adding the new (day, user) pairs is enough.
INSERT INTO daily_active_users (day, user_id)
SELECT DISTINCT p.day, e.user_id
FROM rollup_pending_days p
JOIN events e ON e.ts >= (p.day::timestamp AT TIME ZONE 'UTC')
             AND e.ts < ((p.day + 1)::timestamp AT TIME ZONE 'UTC')
WHERE e.event_name <> 'FIRST_INSTALL'
ON CONFLICT (user_id, day) DO NOTHING
