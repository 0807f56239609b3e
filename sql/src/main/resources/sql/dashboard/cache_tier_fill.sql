-- Each tier's planned tracks and bytes on the newest business date that has cache lists.
SELECT business_date, tier, count(*) AS tracks, sum(size_bytes) AS bytes, sum(expected_full_plays) AS full_plays
FROM cache_priorities
WHERE business_date = (SELECT max(business_date) FROM cache_priorities)
GROUP BY business_date, tier
ORDER BY tier
