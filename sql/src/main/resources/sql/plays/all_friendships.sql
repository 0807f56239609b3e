-- Declared friendships (one row per direction), for the recommend stage's friends source.
SELECT user_id, friend_id FROM friendships
