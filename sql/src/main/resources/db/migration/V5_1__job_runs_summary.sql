-- The one-line summary of a finished stage (e.g. the recommend stage's per-phase timings), kept in the run
-- ledger so that how long matrix, neighbours and ranking took on a given day stays queryable afterwards.
ALTER TABLE job_runs ADD COLUMN summary text;
