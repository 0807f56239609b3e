SELECT summary
FROM job_runs
WHERE job = ? AND business_date = ?
