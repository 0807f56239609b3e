-- Benchmark data only: users 1..N with profiles; 30% premium (the same draw listening_events.sql makes).
-- Parameters: 1 salt base (seed * 1000), 2 users.
INSERT INTO users (user_id, user_key, gender, age, country, install_date, premium, signup_date) OVERRIDING SYSTEM VALUE
SELECT id, 'u' || lpad(id::text, greatest(6, length(id::text)), '0'),
       (ARRAY['m', 'f', 'n'])[1 + floor(3 * bench_uniform(id, p.salt + 1))::int],
       16 + floor(50 * bench_uniform(id, p.salt + 2))::int,
       (ARRAY['PL', 'DE', 'US', 'GB', 'FR', 'SE'])[1 + floor(6 * bench_uniform(id, p.salt + 4))::int],
       DATE '2024-01-01' + floor(600 * bench_uniform(id, p.salt + 5))::int,
       bench_uniform(id, p.salt + 3) < 0.3,
       DATE '2024-01-01' + floor(600 * bench_uniform(id, p.salt + 5))::int
FROM (SELECT ?::bigint AS salt, ?::int AS users) p, generate_series(1, p.users) AS id
