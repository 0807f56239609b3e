DELETE FROM recommendations WHERE business_date = ?
