-- A business date's recommendations with the external keys readers use, grouped by user, best rank first.
SELECT u.user_key, r.rank, a.artist_key, a.name, r.score, r.source
FROM recommendations r
JOIN users u ON u.user_id = r.user_id
JOIN artists a ON a.artist_id = r.artist_id
WHERE r.business_date = ?
ORDER BY r.user_id, r.rank
