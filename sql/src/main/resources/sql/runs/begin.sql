-- Start (or restart) a job for a business date, taking its lease. Returns the attempt number and, when an expired
-- lease was taken over, whose it was; no row when the job already succeeded for that date and the caller did not
-- force a re-run (at-least-once firing, exactly-once effect), or when another holder's lease is still live (forced
-- or not: one run of a (job, date) at a time). ON CONFLICT locks the row and re-checks the WHERE on its newest
-- version, so of two callers racing for the same (job, date) exactly one gets a row back.
-- Parameters: job, business date, run id, node, lease seconds, force.
INSERT INTO job_runs AS r (job, business_date, run_id, status, attempt, started_at, node, lease_expires_at,
                           heartbeat_at)
VALUES (?, ?, ?, 'RUNNING', 1, now(), ?, now() + make_interval(secs => ?), now())
ON CONFLICT (job, business_date) DO UPDATE
    SET run_id           = EXCLUDED.run_id,
        status           = 'RUNNING',
        attempt          = r.attempt + 1,
        started_at       = now(),
        finished_at      = NULL,
        rows_in          = NULL,
        rows_out         = NULL,
        error            = NULL,
        summary          = NULL,
        node             = EXCLUDED.node,
        lease_expires_at = EXCLUDED.lease_expires_at,
        heartbeat_at     = now(),
        taken_over_from  = CASE WHEN r.status = 'RUNNING'
            THEN 'run ' || r.run_id || ' on ' || coalesce(r.node, 'an unknown node') || ', lease expired '
                 || coalesce(to_char(r.lease_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'long ago')
            END
    WHERE (r.status <> 'RUNNING' OR r.lease_expires_at IS NULL OR r.lease_expires_at < now())
      AND (r.status <> 'SUCCEEDED' OR ?)
RETURNING attempt, taken_over_from
