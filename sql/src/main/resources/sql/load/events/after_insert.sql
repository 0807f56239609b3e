-- The days these events fall on must be re-rolled-up: the retention rollups then never rescan other days.
INSERT INTO rollup_pending_days (day)
SELECT DISTINCT (ts AT TIME ZONE 'UTC')::date FROM staging WHERE reject_reason IS NULL
ON CONFLICT (day) DO NOTHING
