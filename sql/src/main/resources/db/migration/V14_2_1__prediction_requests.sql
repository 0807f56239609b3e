-- Asynchronous prediction requests (POST /v1/prediction-requests): one row per request, keyed by its tracking id.
-- The row is written before the request is published, so a worker always finds it; its status moves from PENDING
-- exactly once (UPDATE ... WHERE status = 'PENDING'), which makes a redelivered message harmless.
CREATE TABLE prediction_requests (
    tracking_id  uuid PRIMARY KEY,
    items        jsonb NOT NULL,
    item_count   integer NOT NULL,
    status       text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'EXPIRED')),
    result       jsonb,
    reason       text,
    attempts     integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
-- The backlog's age is the oldest pending request.
CREATE INDEX prediction_requests_pending ON prediction_requests (created_at) WHERE status = 'PENDING';
