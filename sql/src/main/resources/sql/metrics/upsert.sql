INSERT INTO run_metrics (job, business_date, metric, value) VALUES (?, ?, ?, ?)
ON CONFLICT (job, business_date, metric) DO UPDATE SET value = EXCLUDED.value, recorded_at = now()
