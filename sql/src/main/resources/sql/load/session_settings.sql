-- For this import transaction only: room for the hash joins and sorts over a large staging table.
SET LOCAL work_mem = '256MB'
