COPY cache_priorities (business_date, tier, rank, track_id, probability, expected_full_plays, size_bytes, priority)
FROM STDIN
