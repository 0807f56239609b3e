-- One row per data line of user_taggedartists.dat. Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    user_key      text,
    artist_key    text,
    tag_id        integer,
    tagged_on     date
) ON COMMIT DROP
