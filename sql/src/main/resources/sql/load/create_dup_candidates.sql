-- Key values the importer saw twice while streaming (by a 64-bit hash, so possibly a collision): the only keys the
-- in-file duplicate check has to look at.
CREATE TEMP TABLE dup_candidates (
    key_1 text NOT NULL,
    key_2 text
) ON COMMIT DROP
