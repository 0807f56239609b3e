SELECT count(*) FROM staging WHERE reject_reason IS NOT NULL
