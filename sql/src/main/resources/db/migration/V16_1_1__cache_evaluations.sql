-- Issue 16: stored `eval cache` results, so the operations dashboard can draw hit-rate curves by capacity without
-- running the replay simulator itself. One evaluation (the replay window and its totals) has one row per
-- (policy, capacity share).
CREATE TABLE cache_evaluations (
    evaluation_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evaluated_at      timestamptz NOT NULL DEFAULT now(),
    source            text        NOT NULL,  -- where the replayed plays came from, e.g. "generated:/path"
    window_from       timestamptz NOT NULL,
    window_to         timestamptz NOT NULL,
    requests          bigint      NOT NULL,
    full_plays        bigint      NOT NULL,
    working_set_bytes bigint      NOT NULL
);

CREATE TABLE cache_evaluation_rows (
    evaluation_id      bigint           NOT NULL REFERENCES cache_evaluations ON DELETE CASCADE,
    policy             text             NOT NULL,
    capacity_share     double precision NOT NULL CHECK (capacity_share > 0),
    capacity_bytes     bigint           NOT NULL,
    requests           bigint           NOT NULL,
    byte_hit_rate      double precision NOT NULL,
    full_play_hit_rate double precision NOT NULL,
    PRIMARY KEY (evaluation_id, policy, capacity_share)
);
