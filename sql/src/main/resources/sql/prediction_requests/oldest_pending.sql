SELECT extract(epoch FROM now() - min(created_at)) FROM prediction_requests WHERE status = 'PENDING'
