COPY prediction_log (tracking_id, model_name, version, variant, user_key, track_key, play_ts, probability, threshold) FROM STDIN
