SELECT pg_advisory_xact_lock(hashtext('model_versions:' || ?))
