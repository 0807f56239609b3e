-- Users first seen in a plays file, with the ids drawn for them (COPY writes identity columns as given).
COPY users (user_id, user_key) FROM STDIN
