-- Quarantined rows, oldest import first, in file order; parameter 1: source file name, or NULL for every file;
-- 2: the most rows to return.
SELECT source_file, line_no, field, reason, raw_line
FROM quarantine
WHERE ?::text IS NULL OR source_file = ?::text
ORDER BY import_id, line_no
LIMIT ?
