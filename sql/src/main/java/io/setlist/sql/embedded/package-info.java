/** The embedded PostgreSQL server Setlist starts when no database is configured. */
package io.setlist.sql.embedded;
