-- The runs of a business date whose lease is live: they hold their (job, date) now.
SELECT job, business_date, run_id, status, attempt, started_at, finished_at, rows_in, rows_out, error, node, summary, lease_expires_at, taken_over_from
FROM job_runs
WHERE business_date = ? AND status = 'RUNNING' AND lease_expires_at > now()
ORDER BY job
