-- Surrogate ids of external track keys; unknown keys have no row.
SELECT track_key, track_id FROM tracks WHERE track_key = ANY (?)
