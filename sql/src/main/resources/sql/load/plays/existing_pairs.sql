-- The (user, artist) pairs already loaded: a pair in the file that is one of them is quarantined, not overwritten.
SELECT user_id, artist_id FROM plays
