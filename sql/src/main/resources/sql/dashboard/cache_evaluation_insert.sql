-- Parameters: source, window_from, window_to, requests, full_plays, working_set_bytes.
INSERT INTO cache_evaluations (source, window_from, window_to, requests, full_plays, working_set_bytes)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING evaluation_id
