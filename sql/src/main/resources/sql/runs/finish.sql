-- Parameters: status, rows in, rows out, error, summary, job, business date.
UPDATE job_runs
SET status = ?, rows_in = ?, rows_out = ?, error = ?, summary = ?, finished_at = now()
WHERE job = ? AND business_date = ?
