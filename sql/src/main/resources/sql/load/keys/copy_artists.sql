-- Artists first seen in a plays file, with the ids drawn for them and the name on their first line.
COPY artists (artist_id, artist_key, name) FROM STDIN
