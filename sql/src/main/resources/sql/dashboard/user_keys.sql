-- External keys of surrogate user ids; unknown ids have no row.
SELECT user_id, user_key FROM users WHERE user_id = ANY (?)
