INSERT INTO retention_matrix (business_date, cohort_by, cohort_start, period, cohort_size, active_exact, active_rolling)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (business_date, cohort_by, cohort_start, period) DO UPDATE
    SET cohort_size = EXCLUDED.cohort_size, active_exact = EXCLUDED.active_exact,
        active_rolling = EXCLUDED.active_rolling
