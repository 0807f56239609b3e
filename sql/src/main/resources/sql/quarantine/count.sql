-- Quarantined rows per source file; parameter 1 (twice): a source file name, or NULL for every file.
SELECT source_file, count(*)
FROM quarantine
WHERE ?::text IS NULL OR source_file = ?::text
GROUP BY source_file
ORDER BY source_file
