-- An artist's surrogate id and name by its external key.
SELECT artist_id, name FROM artists WHERE artist_key = ?
