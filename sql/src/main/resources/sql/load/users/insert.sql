-- In file order, so that surrogate ids follow the file.
INSERT INTO users (user_key, gender, age, country, install_date, premium, signup_date)
SELECT user_key, gender, age, country, install_date, premium, signup_date
FROM staging
WHERE reject_reason IS NULL
ORDER BY line_no
