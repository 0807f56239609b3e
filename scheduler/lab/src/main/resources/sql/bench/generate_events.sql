-- Benchmark data only: synthetic app events straight into the warehouse. Each user installs on one of the days
-- (FIRST_INSTALL), then has about 2 x per_user / 2 events spread over the following days with decaying activity.
-- Parameters: 1 users, 2 events per user (mean), 3 first day, 4 number of days. Partitions must exist.
-- Rows go in sorted by time: each index then grows at its right edge, where random order would touch pages all over
-- indexes far larger than shared_buffers (50M events took over 23 minutes that way).
WITH params AS (
    SELECT ?::int AS users, ?::int AS per_user, ?::date AS first_day, ?::int AS days
)
INSERT INTO events (user_id, ts, event_name)
SELECT u.id,
       CASE WHEN g.n = 0 THEN u.install_ts
            ELSE ((p.first_day + u.install_offset + floor(power(random(), 3) * (p.days - u.install_offset))::int)::timestamp
                  AT TIME ZONE 'UTC') + random() * interval '1 day' END,
       CASE WHEN g.n = 0 THEN 'FIRST_INSTALL'
            WHEN g.n % 5 = 1 THEN 'OPEN'
            WHEN g.n % 3 = 0 THEN 'SKIP'
            ELSE 'PLAY' END
FROM params p
CROSS JOIN LATERAL (
    SELECT id, id % p.days AS install_offset,
           ((p.first_day + id % p.days)::timestamp AT TIME ZONE 'UTC') + random() * interval '1 day' AS install_ts
    FROM generate_series(1, p.users) AS id
) u
CROSS JOIN LATERAL generate_series(0, (random() * 2 * p.per_user + u.id * 0)::int) AS g(n)
ORDER BY 2
