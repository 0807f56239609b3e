-- The newest successful run of a job: for freshness health and metrics.
SELECT max(finished_at) FROM job_runs WHERE job = ? AND status = 'SUCCEEDED'
