SELECT metric, value FROM run_metrics WHERE job = ? AND business_date = ? ORDER BY metric
