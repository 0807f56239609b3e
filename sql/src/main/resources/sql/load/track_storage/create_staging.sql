-- One row per data line of track_storage.jsonl. Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    track_key     text,
    storage_class text,
    daily_cost    double precision
) ON COMMIT DROP
