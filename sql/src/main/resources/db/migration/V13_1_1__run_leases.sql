-- Issue 13: the run ledger becomes a lock. A RUNNING row is a lease: its holder renews lease_expires_at while the
-- job runs (heartbeat_at says when it last did); nobody else may start the same (job, date) until the lease ends or
-- expires. An expired lease (its holder crashed) is taken over, and taken_over_from records whose it was.
-- SKIPPED: the job ran and chose not to act (a publish behind the forward-only pointer), with its reason.
ALTER TABLE job_runs ADD COLUMN lease_expires_at timestamptz;
ALTER TABLE job_runs ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE job_runs ADD COLUMN taken_over_from text;
ALTER TABLE job_runs DROP CONSTRAINT job_runs_status_check;
ALTER TABLE job_runs ADD CONSTRAINT job_runs_status_check
    CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED', 'SKIPPED'));
