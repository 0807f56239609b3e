-- The rejected rows of a plays file, on their way to quarantine (the good rows go straight into plays; PlayCopy).
-- Dropped at commit; each file is imported in its own transaction.
CREATE TEMP TABLE staging (
    line_no       bigint NOT NULL,
    raw_line      text   NOT NULL,
    reject_field  text,
    reject_reason text
) ON COMMIT DROP
