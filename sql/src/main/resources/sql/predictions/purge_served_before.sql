DELETE FROM prediction_log
WHERE served_at < ?
