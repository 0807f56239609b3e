-- One row per data line of user_friends.dat. Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    user_key      text,
    friend_key    text
) ON COMMIT DROP
