SELECT status, result::text, reason, item_count, created_at, finished_at, created_at < now() - make_interval(secs => ?) AS overdue
FROM prediction_requests WHERE tracking_id = ?
