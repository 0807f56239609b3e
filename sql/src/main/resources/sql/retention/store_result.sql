INSERT INTO retention_results (business_date, install_date, day_from, day_to, cohort_size, retained, computed_at)
VALUES (?, ?, ?, ?, ?, ?, now())
ON CONFLICT (business_date, install_date, day_from, day_to) DO UPDATE
    SET cohort_size = EXCLUDED.cohort_size, retained = EXCLUDED.retained, computed_at = now()
