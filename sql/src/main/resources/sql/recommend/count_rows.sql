SELECT count(*) FROM recommendations WHERE business_date = ?
