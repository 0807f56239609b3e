-- The cells of the cohort retention matrix, kept as rollups: GET /v1/retention and the daily run then read a few
-- hundred aggregated rows instead of every active day of every cohort user (14.8 s for a 30-day matrix on the
-- rollups of 50M events). Kept up to date by the same incremental refresh as user_installs and daily_active_users.

-- The user's last active day after their install day (NULL: none yet): the rolling columns count users by it.
ALTER TABLE user_installs ADD COLUMN last_active_day date;

-- Users who installed on install_day and were active on day (day > install_day).
CREATE TABLE cohort_day_activity (
    install_day date   NOT NULL,
    day         date   NOT NULL CHECK (day > install_day),
    users       bigint NOT NULL,
    PRIMARY KEY (install_day, day)
);
CREATE INDEX cohort_day_activity_day ON cohort_day_activity (day);

-- Users who installed on install_day and were active on any of days 7(week-1)+1 .. 7*week after it.
CREATE TABLE cohort_week_activity (
    install_day date    NOT NULL,
    week        integer NOT NULL CHECK (week >= 1),
    users       bigint  NOT NULL,
    PRIMARY KEY (install_day, week)
);

-- Existing rollups: fill the new ones from them.
UPDATE user_installs i
SET last_active_day = (SELECT max(a.day) FROM daily_active_users a
                       WHERE a.user_id = i.user_id AND a.day > i.install_day);
INSERT INTO cohort_day_activity (install_day, day, users)
SELECT i.install_day, a.day, count(*)
FROM user_installs i
JOIN daily_active_users a ON a.user_id = i.user_id AND a.day > i.install_day
GROUP BY 1, 2;
INSERT INTO cohort_week_activity (install_day, week, users)
SELECT i.install_day, (a.day - i.install_day + 6) / 7, count(DISTINCT i.user_id)
FROM user_installs i
JOIN daily_active_users a ON a.user_id = i.user_id AND a.day > i.install_day
GROUP BY 1, 2;
