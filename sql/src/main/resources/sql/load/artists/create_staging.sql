-- One row per data line of artists.csv. Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    artist_key    text,
    name          text
) ON COMMIT DROP
