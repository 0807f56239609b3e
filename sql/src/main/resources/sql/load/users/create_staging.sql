-- One row per data line of a users file (users.csv, usersha1-profile.tsv, users.jsonl). Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text,
    user_key      text,
    gender        char(1),
    age           smallint,
    country       text,
    install_date  date,
    premium       boolean,
    signup_date   date
) ON COMMIT DROP
