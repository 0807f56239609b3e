-- Start (or restart) a job for a business date. Returns the attempt number, or no row when the job already
-- succeeded for that date and the caller did not force a re-run: at-least-once firing, exactly-once effect.
-- Parameters: job, business date, run id, node, force.
INSERT INTO job_runs AS r (job, business_date, run_id, status, attempt, started_at, node)
VALUES (?, ?, ?, 'RUNNING', 1, now(), ?)
ON CONFLICT (job, business_date) DO UPDATE
    SET run_id      = EXCLUDED.run_id,
        status      = 'RUNNING',
        attempt     = r.attempt + 1,
        started_at  = now(),
        finished_at = NULL,
        rows_in     = NULL,
        rows_out    = NULL,
        error       = NULL,
        summary     = NULL,
        node        = EXCLUDED.node
    WHERE r.status <> 'SUCCEEDED' OR ?
RETURNING attempt
