-- The last active day after install: a user active on a pending day moves it forward to their latest such day; a
-- user whose install day was set or moved gets it counted again from all their days.
UPDATE user_installs i
SET last_active_day = x.day
FROM (SELECT a.user_id, max(a.day) AS day
      FROM rollup_pending_days p
      JOIN daily_active_users a ON a.day = p.day
      GROUP BY a.user_id) x
WHERE i.user_id = x.user_id
  AND x.day > i.install_day
  AND (i.last_active_day IS NULL OR x.day > i.last_active_day)
  AND i.user_id NOT IN (SELECT user_id FROM rollup_changed_installs);  -- counted from all their days below

UPDATE user_installs i
SET last_active_day = (SELECT max(a.day) FROM daily_active_users a
                       WHERE a.user_id = i.user_id AND a.day > i.install_day)
WHERE i.user_id IN (SELECT user_id FROM rollup_changed_installs)
