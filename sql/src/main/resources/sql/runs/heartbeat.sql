-- The holder renews its lease; no row updated means it lost the lease (it expired and was taken over).
-- Parameters: lease seconds, job, business date, run id.
UPDATE job_runs
SET lease_expires_at = now() + make_interval(secs => ?), heartbeat_at = now()
WHERE job = ? AND business_date = ? AND run_id = ? AND status = 'RUNNING'
