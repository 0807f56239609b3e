-- The events a batch of predictions depends on, in replay order: every event of the batch's users (their own
-- counters and sessions), and the PLAYs and SKIPs of every track by the batch's tracks' artists (track and artist
-- skip rates). Nothing else changes a prediction's features but the window-wide counts (window_counts.sql).
-- Parameters: window start (inclusive), latest prediction time (inclusive), user ids (int[]), track ids (int[]).
SELECT e.user_id, e.ts, e.event_name, e.track_id, e.session_id
FROM events e
WHERE e.ts >= ? AND e.ts <= ?
  AND (e.user_id = ANY (?)
       OR e.event_name IN ('PLAY', 'SKIP')
          AND e.track_id IN (SELECT t.track_id
                             FROM tracks t
                             WHERE t.artist_id IN (SELECT artist_id FROM tracks WHERE track_id = ANY (?))))
ORDER BY e.ts, e.event_id
