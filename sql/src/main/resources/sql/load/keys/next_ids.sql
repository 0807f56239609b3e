-- A block of ids from a table's identity sequence (parameters: table, id column, how many). Sequences are not
-- transactional: ids of a rolled-back import are gaps, as with any INSERT.
SELECT nextval(pg_get_serial_sequence(?, ?)) FROM generate_series(1, ?)
