-- Premium flag of the users a batch of predictions replays (as completion/users.sql reads it).
SELECT user_id, premium FROM users WHERE user_id = ANY (?)
