-- The online feature store follows the events table by event id (every event loaded since it last looked): an
-- index lookup instead of a scan of every partition.
CREATE INDEX events_event_id ON events (event_id);
