-- Time and id of the latest event (NULLs when there is none): where the feature store's window starts and follows from.
SELECT max(ts), max(event_id) FROM events
