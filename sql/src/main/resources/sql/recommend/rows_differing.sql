SELECT count(*) FROM (
    (SELECT user_id, rank, artist_id, score, source FROM recommendations WHERE business_date = ?
     EXCEPT ALL
     SELECT user_id, rank, artist_id, score, source FROM recommendations WHERE business_date = ?)
    UNION ALL
    (SELECT user_id, rank, artist_id, score, source FROM recommendations WHERE business_date = ?
     EXCEPT ALL
     SELECT user_id, rank, artist_id, score, source FROM recommendations WHERE business_date = ?)
) AS differing
