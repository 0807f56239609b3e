SELECT count(DISTINCT user_id) FROM recommendations WHERE business_date = ?
