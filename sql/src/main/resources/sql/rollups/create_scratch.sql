-- Scratch tables of one refresh, dropped at its commit: the users whose install day this refresh set or moved
-- (with the day they had before, NULL when new), and the active days whose matrix cells must be counted again.
CREATE TEMP TABLE rollup_changed_installs (
    user_id         integer PRIMARY KEY,
    old_install_day date
) ON COMMIT DROP;
CREATE TEMP TABLE rollup_affected_days (
    day date PRIMARY KEY
) ON COMMIT DROP;

-- The pending days drive every step below; a few rows that autovacuum may not have counted yet would otherwise
-- plan as scans of all of daily_active_users and events.
ANALYZE rollup_pending_days
