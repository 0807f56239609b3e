-- A small batch of prediction_log rows in one statement: the arrays are the columns, as text parsed exactly as COPY
-- parses its text fields (one round trip, where COPY needs two: its start, then its end).
INSERT INTO prediction_log (tracking_id, model_name, version, variant, user_key, track_key, play_ts, probability,
                            threshold)
SELECT tracking_id::uuid, model_name, version::integer, variant, user_key, track_key, play_ts::timestamptz,
       probability::double precision, threshold::double precision
FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
         AS r (tracking_id, model_name, version, variant, user_key, track_key, play_ts, probability, threshold)
