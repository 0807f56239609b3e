-- The newest install day in the retention rollups (NULL when there are none).
SELECT max(install_day) FROM user_installs
