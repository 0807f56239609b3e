-- The window-wide counts the completion features smooth toward (the global skip rate), at each prediction time:
-- PLAYs before it and SKIPs up to it that closed a PLAY. A prediction at T is placed as PlayFeatures.probe places
-- it: after every event before T and, among the events stamped T, before the first PLAY. A SKIP closes a PLAY when
-- its (session, track) stream has one open, i.e. its running PLAYs-minus-SKIPs balance does not reach a new low
-- below zero; otherwise it is an orphan. Events without a session are one stream per user, as in the replay.
-- Parameters: window start (inclusive), latest prediction time (inclusive), prediction times (bigint[], epoch
-- milliseconds: exact, unlike a timestamp array rendered through the client's time zone).
WITH listening AS (
    SELECT ts, event_id, event_name = 'PLAY' AS is_play, session_id, user_id, track_id,
           SUM(CASE WHEN event_name = 'PLAY' THEN 1 ELSE -1 END) OVER stream AS balance
    FROM events
    WHERE event_name IN ('PLAY', 'SKIP') AND track_id IS NOT NULL AND ts >= ? AND ts <= ?
    WINDOW stream AS (PARTITION BY session_id, CASE WHEN session_id IS NULL THEN user_id END, track_id
                      ORDER BY ts, event_id)
), flagged AS (
    SELECT ts, event_id, is_play,
           NOT is_play AND balance >= LEAST(0, COALESCE(MIN(balance) OVER before_this, 0)) AS closes
    FROM listening
    WINDOW before_this AS (PARTITION BY session_id, CASE WHEN session_id IS NULL THEN user_id END, track_id
                           ORDER BY ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), marks AS (
    SELECT timestamptz 'epoch' + ms * interval '1 millisecond' AS ts, i
    FROM unnest(?::bigint[]) WITH ORDINALITY AS m(ms, i)
), first_play AS (
    SELECT f.ts, min(f.event_id) AS event_id
    FROM flagged f
    WHERE f.is_play AND f.ts IN (SELECT ts FROM marks)
    GROUP BY f.ts
), timeline AS (
    SELECT ts, event_id AS seq, 1 AS after, is_play::int AS plays, closes::int AS skips, NULL::bigint AS mark
    FROM flagged
    UNION ALL
    SELECT m.ts, COALESCE(fp.event_id, 9223372036854775807), 0, 0, 0, m.i
    FROM marks m LEFT JOIN first_play fp ON fp.ts = m.ts
), running AS (
    SELECT mark, SUM(plays) OVER o AS plays, SUM(skips) OVER o AS skips
    FROM timeline
    WINDOW o AS (ORDER BY ts, seq, after ROWS UNBOUNDED PRECEDING)
)
SELECT mark, plays, skips FROM running WHERE mark IS NOT NULL ORDER BY mark
