DELETE FROM cache_priorities WHERE business_date = ?
