INSERT INTO imports (source_file, kind, sha256, rows_read, rows_loaded, rows_quarantined)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING import_id
