INSERT INTO quarantine (import_id, source_file, line_no, field, reason, raw_line)
SELECT ?, ?, line_no, reject_field, reject_reason, raw_line
FROM staging
WHERE reject_reason IS NOT NULL
ORDER BY line_no
