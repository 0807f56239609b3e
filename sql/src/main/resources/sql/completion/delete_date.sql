DELETE FROM track_completion WHERE business_date = ?
