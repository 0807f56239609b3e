SELECT c.tier, c.rank, t.track_key, c.probability, c.priority
FROM cache_priorities c
JOIN tracks t ON t.track_id = c.track_id
WHERE c.business_date = ?
ORDER BY c.tier, c.rank
