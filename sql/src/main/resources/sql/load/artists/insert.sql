-- In file order, so that surrogate ids follow the file.
INSERT INTO artists (artist_key, name)
SELECT artist_key, name
FROM staging
WHERE reject_reason IS NULL
ORDER BY line_no
