SELECT job, business_date, run_id, status, attempt, started_at, finished_at, rows_in, rows_out, error, node, summary, lease_expires_at, taken_over_from
FROM job_runs
WHERE job = ? AND business_date = ?
