/** The PostgreSQL warehouse: connection pool, migrations, queries as .sql resources, row streaming and transactions. */
package io.setlist.sql;
