-- Attach a stage's summary line (NULL clears it) to its ledger row.
UPDATE job_runs
SET summary = ?
WHERE job = ? AND business_date = ?
