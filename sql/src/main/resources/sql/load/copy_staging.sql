-- Every data row of the file, valid or not, in PostgreSQL's COPY text format. Rows that failed validation in Java
-- arrive with reject_field / reject_reason set and their data columns NULL.
COPY staging FROM STDIN
