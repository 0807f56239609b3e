-- Every user key with its surrogate id, for an import that maps keys in memory (PlayCopy).
SELECT user_key, user_id FROM users
