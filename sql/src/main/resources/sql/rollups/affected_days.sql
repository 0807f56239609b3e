-- The days whose matrix cells are counted again: the pending days (new active users), and every active day of a
-- user whose install day was set or moved (they leave one cohort's cells and join another's).
-- Temporary tables are never auto-analyzed: without statistics the joins below and in the next steps plan as scans
-- of all of daily_active_users instead of index probes for a few days or users.
ANALYZE rollup_changed_installs;

INSERT INTO rollup_affected_days (day)
SELECT day FROM rollup_pending_days
UNION
SELECT a.day FROM rollup_changed_installs c JOIN daily_active_users a USING (user_id);

ANALYZE rollup_affected_days
