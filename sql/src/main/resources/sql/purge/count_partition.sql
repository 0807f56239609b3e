-- {partition}: a partition name from purge/partitions.sql that matches events_pYYYYMM (checked before it is put in).
SELECT count(*) FROM {partition}
