-- Benchmark data only: what the generated listening warehouse was built from, written last, so that a warehouse
-- whose generation was interrupted has no row and is generated again.
CREATE TABLE IF NOT EXISTS bench_listening_warehouse (
    events_requested bigint           NOT NULL,
    seed             bigint           NOT NULL,
    days             integer          NOT NULL,
    first_day        date             NOT NULL,
    events           bigint           NOT NULL,
    users            integer          NOT NULL,
    tracks           integer          NOT NULL,
    sessions         bigint           NOT NULL,
    sample_events    bigint           NOT NULL,
    seconds          double precision NOT NULL,
    generated_at     timestamptz      NOT NULL DEFAULT now()
)
