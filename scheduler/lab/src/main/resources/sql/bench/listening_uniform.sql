-- Benchmark data only. A uniform number in [0, 1) from a key and a salt (the seed and what it is drawn for): a hash,
-- not random(), so that a row's draws do not depend on the order rows are generated in (parallel workers, batches),
-- and one seed gives the same warehouse every time. Inlined by the planner (one SQL expression, IMMUTABLE).
CREATE OR REPLACE FUNCTION bench_uniform(k bigint, salt bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((hashint8extended(k, salt) >> 11) & 9007199254740991)::double precision / 9007199254740992.0 $$
