-- A cell (install day, day) depends only on the users active on that day and their install days: count the cells
-- of the affected days again, from scratch.
DELETE FROM cohort_day_activity WHERE day IN (SELECT day FROM rollup_affected_days);

INSERT INTO cohort_day_activity (install_day, day, users)
SELECT i.install_day, a.day, count(*)
FROM rollup_affected_days d
JOIN daily_active_users a ON a.day = d.day
JOIN user_installs i ON i.user_id = a.user_id AND i.install_day < a.day
GROUP BY 1, 2
