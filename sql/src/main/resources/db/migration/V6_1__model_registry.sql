-- Issue 6: completion-model registry, served-prediction log and per-run metrics (drift).

-- Every trained model is a version; the bytes are the serialised classifier (io.setlist...ModelCodec).
CREATE TABLE model_versions (
    model_name        text             NOT NULL,
    version           integer          NOT NULL CHECK (version > 0),
    algorithm         text             NOT NULL,
    parameters        text             NOT NULL,
    feature_names     text[]           NOT NULL,
    train_from        timestamptz      NOT NULL,
    train_to          timestamptz      NOT NULL,
    eval_from         timestamptz      NOT NULL,  -- the evaluation window its metrics come from
    eval_to           timestamptz      NOT NULL,
    threshold         double precision NOT NULL,
    eval_rows         integer          NOT NULL,
    accuracy          double precision NOT NULL,
    balanced_accuracy double precision NOT NULL,
    auc               double precision,           -- NULL when the window had one class only
    log_loss          double precision NOT NULL,
    brier             double precision NOT NULL,
    changelog         text             NOT NULL,
    created_at        timestamptz      NOT NULL DEFAULT now(),
    model             bytea            NOT NULL,
    PRIMARY KEY (model_name, version)
);

-- The version served by default; replaced only when a challenger beats it on the same evaluation window.
CREATE TABLE model_champions (
    model_name  text        PRIMARY KEY,
    version     integer     NOT NULL,
    promoted_at timestamptz NOT NULL DEFAULT now(),
    reason      text        NOT NULL,
    FOREIGN KEY (model_name, version) REFERENCES model_versions
);

-- Every prediction the API served, for the A/B report's join with observed outcomes.
CREATE TABLE prediction_log (
    tracking_id   uuid             PRIMARY KEY,
    served_at     timestamptz      NOT NULL DEFAULT now(),
    model_name    text             NOT NULL,
    version       integer          NOT NULL,
    variant       text,                        -- NULL when the caller named the model
    user_key      text             NOT NULL,
    track_key     text             NOT NULL,
    play_ts       timestamptz      NOT NULL,
    probability   double precision NOT NULL,
    threshold     double precision NOT NULL
);
CREATE INDEX prediction_log_variant ON prediction_log (variant, play_ts);

-- Numbers a job records beside its run-ledger row: drift (PSI per feature, new-vs-old AUC), model version used.
CREATE TABLE run_metrics (
    job           text             NOT NULL,
    business_date date             NOT NULL,
    metric        text             NOT NULL,
    value         double precision NOT NULL,
    recorded_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (job, business_date, metric)
);
