-- The newest stored evaluation, one row per (policy, capacity share); no rows when none was stored.
SELECT e.evaluation_id, e.evaluated_at, e.source, e.window_from, e.window_to, e.requests, e.full_plays,
       e.working_set_bytes, r.policy, r.capacity_share, r.capacity_bytes, r.byte_hit_rate, r.full_play_hit_rate
FROM cache_evaluations e
JOIN cache_evaluation_rows r USING (evaluation_id)
WHERE e.evaluation_id = (SELECT max(evaluation_id) FROM cache_evaluations)
ORDER BY r.policy, r.capacity_share
