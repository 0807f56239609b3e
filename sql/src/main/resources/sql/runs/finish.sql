UPDATE job_runs
SET status = ?, rows_in = ?, rows_out = ?, error = ?, finished_at = now()
WHERE job = ? AND business_date = ?
