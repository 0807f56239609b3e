COPY recommendations (business_date, user_id, rank, artist_id, score, source) FROM STDIN
