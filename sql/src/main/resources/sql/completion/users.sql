SELECT user_id, user_key, premium FROM users ORDER BY user_id
