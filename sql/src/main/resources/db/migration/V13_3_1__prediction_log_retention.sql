-- prediction_log gets a retention like the events (issue 13, item 9): the daily purge deletes predictions served
-- longer ago than SETLIST_PREDICTION_RETENTION_DAYS. This index makes that delete a range scan, not a full scan.
CREATE INDEX prediction_log_served_at ON prediction_log (served_at);
