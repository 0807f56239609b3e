-- Issue 13: events get a natural key, so that importing a file again after it was appended to (an inbox file
-- that grew, a dump re-exported) adds only its new events.
-- Two identical rows (same user, instant, event name, track and session) can be two real taps: occurrence numbers
-- them 1, 2, ... in file order and is part of the key, so both are kept, and a re-import of the same file skips
-- both. The key leads with ts (the partition key must be in a unique index), so it also serves every range scan
-- on ts that events_ts served: events_ts goes, and an insert maintains as many indexes as before.
ALTER TABLE events ADD COLUMN occurrence integer NOT NULL DEFAULT 1;

-- Events loaded before this version: identical ones are numbered in load order, so the key holds for them too.
UPDATE events e
SET occurrence = d.n
FROM (SELECT event_id, ts,
             row_number() OVER (PARTITION BY user_id, ts, event_name, track_id, session_id ORDER BY event_id) AS n
      FROM events) d
WHERE e.event_id = d.event_id AND e.ts = d.ts AND d.n > 1;

CREATE UNIQUE INDEX events_natural_key ON events (ts, user_id, event_name, track_id, session_id, occurrence)
    NULLS NOT DISTINCT;
DROP INDEX events_ts;

-- Inbox files quarantined whole by the import job (a wrong header, a name that tells no kind): the file is moved
-- aside and this row says where and why.
CREATE TABLE rejected_files (
    rejected_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_file  text        NOT NULL,
    moved_to     text        NOT NULL,
    reason       text        NOT NULL,
    run_id       text,
    rejected_at  timestamptz NOT NULL DEFAULT now()
);
