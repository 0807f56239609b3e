-- A job's recorded metrics on its last N business dates, oldest first. Parameters: job, job, N.
SELECT business_date, metric, value
FROM run_metrics
WHERE job = ?
  AND business_date > (SELECT max(business_date) FROM run_metrics WHERE job = ?) - ?::int
ORDER BY business_date, metric
