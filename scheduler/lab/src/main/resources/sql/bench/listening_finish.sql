-- Benchmark data only: identity sequences past the generated ids, the sessions dropped, statistics fresh.
SELECT setval(pg_get_serial_sequence('users', 'user_id'), (SELECT max(user_id) FROM users)),
       setval(pg_get_serial_sequence('artists', 'artist_id'), (SELECT max(artist_id) FROM artists)),
       setval(pg_get_serial_sequence('tracks', 'track_id'), (SELECT max(track_id) FROM tracks))
