-- Catalogue rows of the tracks a batch of predictions replays (the columns completion/catalog.sql reads).
SELECT track_id, artist_id, duration_ms, size_bytes FROM tracks WHERE track_id = ANY (?)
