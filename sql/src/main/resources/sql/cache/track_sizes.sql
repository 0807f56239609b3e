SELECT track_id, size_bytes FROM tracks
