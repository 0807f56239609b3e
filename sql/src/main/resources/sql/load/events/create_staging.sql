-- One row per data line of an events file (events.csv, sessions.jsonl). Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    user_key      text,
    ts            timestamptz,
    event_name    text,
    track_key     text,
    session_id    bigint
) ON COMMIT DROP
