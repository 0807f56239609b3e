-- Benchmark data only: every day from first to last (parameters 1, 2) needs rolling up.
INSERT INTO rollup_pending_days (day)
SELECT d::date FROM generate_series(?::date, ?::date, interval '1 day') AS d
ON CONFLICT (day) DO NOTHING
