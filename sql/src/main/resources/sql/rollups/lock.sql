-- Rollup refreshes run one at a time and never beside an import (the import lock): an import that commits events
-- on a day while that day is being rolled up would otherwise lose its pending mark.
SELECT pg_advisory_xact_lock(hashtext('setlist.workload_import'))
