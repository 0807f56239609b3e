SELECT coalesce(min(user_id), 0), coalesce(max(user_id), -1) FROM plays
