-- A node shutting down marks the jobs it could not finish, so operators see why and the next run resumes them.
UPDATE job_runs
SET status = 'INTERRUPTED', error = 'interrupted: node ' || node || ' shut down before the job finished',
    finished_at = now(), lease_expires_at = NULL
WHERE status = 'RUNNING' AND node = ?
