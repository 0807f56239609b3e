-- Identical events are not rejected here: insert.sql keeps two taps of one file and skips the ones already loaded.
UPDATE staging s
SET reject_field = 'user_id', reject_reason = format('unknown user_id %L', s.user_key)
WHERE s.reject_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_key = s.user_key);

UPDATE staging s
SET reject_field = 'track_id', reject_reason = format('unknown track_id %L', s.track_key)
WHERE s.reject_reason IS NULL AND s.track_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.track_key = s.track_key);
