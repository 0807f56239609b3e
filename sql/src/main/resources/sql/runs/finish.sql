-- Records the end of a run, only by the holder of the lease: a run that lost its lease (taken over after it
-- expired) updates nothing, so a late loser can never overwrite what the new holder recorded (e.g. SUCCEEDED).
-- Parameters: status, rows in, rows out, error, summary, job, business date, run id.
UPDATE job_runs
SET status = ?, rows_in = ?, rows_out = ?, error = ?, summary = ?, finished_at = now(), lease_expires_at = NULL
WHERE job = ? AND business_date = ? AND run_id = ? AND status = 'RUNNING'
