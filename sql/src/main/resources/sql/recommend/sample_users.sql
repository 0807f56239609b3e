-- One user per recommendation source (neighbours, segment, global), for the demo's ready-to-paste curl lines.
SELECT DISTINCT ON (r.source) r.source, u.user_key
FROM recommendations r
JOIN users u ON u.user_id = r.user_id
WHERE r.business_date = ? AND r.rank = 1
ORDER BY r.source, u.user_key
