SELECT ensure_event_partitions((?::date)::timestamp AT TIME ZONE 'UTC', (?::date)::timestamp AT TIME ZONE 'UTC')
