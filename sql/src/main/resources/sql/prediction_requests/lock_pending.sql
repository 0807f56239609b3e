-- The worker's claim: the row stays locked until the scoring transaction commits or rolls back, so two deliveries
-- of one request never both score it.
SELECT items::text, created_at < now() - make_interval(secs => ?) AS overdue
FROM prediction_requests WHERE tracking_id = ? AND status = 'PENDING'
FOR UPDATE
