SELECT user_id, artist_id, plays FROM plays
