SELECT track_id, track_key, artist_id, duration_ms, size_bytes, daily_cost FROM tracks ORDER BY track_id
