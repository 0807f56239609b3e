UPDATE prediction_requests SET status = 'EXPIRED', reason = ?, finished_at = now()
WHERE tracking_id = ? AND status = 'PENDING' AND created_at < now() - make_interval(secs => ?)
