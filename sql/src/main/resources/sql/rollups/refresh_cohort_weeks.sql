-- A cell (install day, week) covers days 7(week-1)+1 .. 7*week after the install day: every cell whose days hold an
-- affected day is counted again, from scratch (a user counts once per week, however many days they were active).
CREATE TEMP TABLE rollup_affected_weeks ON COMMIT DROP AS
SELECT DISTINCT i.install_day, (d.day - i.install_day + 6) / 7 AS week
FROM rollup_affected_days d
JOIN (SELECT install_day FROM user_installs
      UNION  -- a day a moved user left may have no users now, but still cells to clear
      SELECT old_install_day FROM rollup_changed_installs WHERE old_install_day IS NOT NULL) i
  ON i.install_day < d.day;

DELETE FROM cohort_week_activity c
USING rollup_affected_weeks w
WHERE c.install_day = w.install_day AND c.week = w.week;

INSERT INTO cohort_week_activity (install_day, week, users)
SELECT w.install_day, w.week, count(*)
FROM rollup_affected_weeks w
JOIN user_installs i ON i.install_day = w.install_day
WHERE EXISTS (SELECT 1 FROM daily_active_users a
              WHERE a.user_id = i.user_id
                AND a.day > i.install_day + 7 * (w.week - 1)
                AND a.day <= i.install_day + 7 * w.week)
GROUP BY 1, 2
