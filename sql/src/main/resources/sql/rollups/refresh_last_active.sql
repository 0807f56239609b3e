-- The last active day after install of every user active on a pending day or whose install day changed.
UPDATE user_installs i
SET last_active_day = (SELECT max(a.day) FROM daily_active_users a
                       WHERE a.user_id = i.user_id AND a.day > i.install_day)
WHERE i.user_id IN (SELECT a.user_id FROM rollup_pending_days p JOIN daily_active_users a ON a.day = p.day
                    UNION
                    SELECT user_id FROM rollup_changed_installs)
