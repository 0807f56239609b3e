-- The run ledger for operations: which node ran a job, and runs cut short by a shutdown (the stage summary
-- column comes from V5_1).
ALTER TABLE job_runs ADD COLUMN node text;
ALTER TABLE job_runs DROP CONSTRAINT job_runs_status_check;
ALTER TABLE job_runs ADD CONSTRAINT job_runs_status_check
    CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'));
CREATE INDEX job_runs_started ON job_runs (started_at DESC);
