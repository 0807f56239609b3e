SELECT user_id, artist_id, plays FROM plays WHERE user_id >= ? AND user_id < ?
