-- The days whose matrix cells are counted again: the pending days (new active users), and every active day of a
-- user whose install day was set or moved (they leave one cohort's cells and join another's).
INSERT INTO rollup_affected_days (day)
SELECT day FROM rollup_pending_days
UNION
SELECT a.day FROM rollup_changed_installs c JOIN daily_active_users a USING (user_id)
