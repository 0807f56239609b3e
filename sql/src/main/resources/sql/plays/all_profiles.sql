SELECT user_id, gender, age, country FROM users ORDER BY user_id
