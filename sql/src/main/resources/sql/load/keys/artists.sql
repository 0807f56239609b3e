-- Every artist key with its surrogate id, for an import that maps keys in memory (PlayCopy).
SELECT artist_key, artist_id FROM artists
