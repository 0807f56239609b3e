-- The row of a job with the latest business date (for /health/ready: was the newest day's publish skipped?).
SELECT job, business_date, run_id, status, attempt, started_at, finished_at, rows_in, rows_out, error, node, summary, lease_expires_at, taken_over_from
FROM job_runs
WHERE job = ?
ORDER BY business_date DESC
LIMIT 1
