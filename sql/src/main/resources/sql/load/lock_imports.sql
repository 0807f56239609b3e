-- Imports run one at a time (per transaction, released on commit or rollback): the ledger check and the
-- "already loaded" checks then cannot race with a concurrent import of the same keys.
SELECT pg_advisory_xact_lock(hashtext('setlist.workload_import'))
