-- Benchmark data only: the listening sessions listening_events.sql expands into events (dropped at the end).
DROP TABLE IF EXISTS bench_sessions;
CREATE UNLOGGED TABLE bench_sessions (
    session_id bigint      NOT NULL,
    user_id    integer     NOT NULL,
    day        integer     NOT NULL,
    start_ts   timestamptz NOT NULL,
    plays      integer     NOT NULL
)
