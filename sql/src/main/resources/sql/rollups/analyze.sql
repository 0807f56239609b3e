-- After a refresh of many days (a first build, a backfill) the rollups have changed far more than autovacuum has
-- looked at yet: without this, the next refresh and the matrix plan on statistics of nearly empty tables (one step of
-- the refresh after a 50M-event build spent 1.7 s finding a single day).
ANALYZE user_installs;
ANALYZE daily_active_users;
ANALYZE cohort_day_activity;
ANALYZE cohort_week_activity
