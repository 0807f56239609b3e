-- Benchmark baseline only: the file's four fields as text, no checks, no keys, no indexes.
CREATE UNLOGGED TABLE bench_raw_plays (user_sha1 text, artist_mbid text, artist_name text, plays text)
