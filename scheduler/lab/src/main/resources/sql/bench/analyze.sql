ANALYZE events; ANALYZE user_installs; ANALYZE daily_active_users
