INSERT INTO published_runs (run_id, business_date, published_at, users, cache_entries)
VALUES (?, ?, now(), ?, ?)
ON CONFLICT (run_id) DO UPDATE SET published_at = now(), users = EXCLUDED.users, cache_entries = EXCLUDED.cache_entries
