SELECT business_date, install_date, day_from, day_to, cohort_size, retained
FROM retention_results
ORDER BY business_date DESC, install_date DESC
LIMIT ?
