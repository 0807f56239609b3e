-- Storage class and daily cost of tracks loaded before (tracks.jsonl comes first and leaves them UNKNOWN).
UPDATE tracks t
SET storage_class = s.storage_class, daily_cost = s.daily_cost
FROM staging s
WHERE s.reject_reason IS NULL AND t.track_key = s.track_key
