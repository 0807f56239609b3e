-- Parameters: evaluation_id, policy, capacity_share, capacity_bytes, requests, byte_hit_rate, full_play_hit_rate.
INSERT INTO cache_evaluation_rows (evaluation_id, policy, capacity_share, capacity_bytes, requests, byte_hit_rate,
                                   full_play_hit_rate)
VALUES (?, ?, ?, ?, ?, ?, ?)
