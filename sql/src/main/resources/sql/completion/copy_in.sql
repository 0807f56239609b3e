COPY track_completion (business_date, track_id, plays, completions, probability) FROM STDIN
