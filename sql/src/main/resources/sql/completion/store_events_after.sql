-- Events loaded since the feature store last looked (ids above the latest it saw), in replay order.
-- Parameters: latest event id seen.
SELECT event_id, user_id, ts, event_name, track_id, session_id
FROM events
WHERE event_id > ?
ORDER BY ts, event_id
