CREATE INDEX ON bench_sessions (day, session_id)
