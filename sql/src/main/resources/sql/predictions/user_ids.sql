-- Surrogate ids of external user keys; unknown keys have no row.
SELECT user_key, user_id FROM users WHERE user_key = ANY (?)
