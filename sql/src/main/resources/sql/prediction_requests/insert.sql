INSERT INTO prediction_requests (tracking_id, items, item_count) VALUES (?, ?::jsonb, ?)
