-- The PLAY and SKIP events of given (session, track) streams, in session order, to label the plays in them with
-- PlayOutcomeLabeler's rule. Events without a session form one stream per user, as in the feature replay.
-- Parameters: session ids (bigint[], NULL for none), user ids (int[]), track ids (int[]).
WITH streams AS (
    SELECT DISTINCT session_id, user_id, track_id FROM unnest(?::bigint[], ?::int[], ?::int[]) AS s(session_id, user_id, track_id)
)
SELECT e.session_id, e.user_id, e.track_id, e.ts, e.event_name = 'SKIP' AS is_skip
FROM (
    SELECT e.session_id, e.user_id, e.track_id, e.ts, e.event_id, e.event_name, s.user_id AS stream_user
    FROM streams s
    JOIN events e ON e.session_id = s.session_id AND e.track_id = s.track_id
    WHERE s.session_id IS NOT NULL AND e.event_name IN ('PLAY', 'SKIP')
    UNION ALL
    SELECT e.session_id, e.user_id, e.track_id, e.ts, e.event_id, e.event_name, s.user_id
    FROM streams s
    JOIN events e ON e.user_id = s.user_id AND e.track_id = s.track_id
    WHERE s.session_id IS NULL AND e.session_id IS NULL AND e.event_name IN ('PLAY', 'SKIP')
) e
ORDER BY e.session_id NULLS FIRST, e.stream_user, e.track_id, e.ts, e.event_id
