DELETE FROM retention_matrix WHERE business_date = ? AND cohort_by = ?
