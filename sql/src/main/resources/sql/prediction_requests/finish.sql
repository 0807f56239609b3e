UPDATE prediction_requests SET status = ?, result = ?::jsonb, reason = ?, finished_at = now(), attempts = attempts + 1
WHERE tracking_id = ? AND status = 'PENDING'
