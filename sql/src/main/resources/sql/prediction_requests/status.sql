SELECT status FROM prediction_requests WHERE tracking_id = ?
