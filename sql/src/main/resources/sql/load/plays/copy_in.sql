-- Rows that passed every check, with their keys mapped to ids already: straight into plays.
COPY plays (user_id, artist_id, plays) FROM STDIN
