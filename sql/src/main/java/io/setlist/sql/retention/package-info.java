/** Retention: the rollups and the cohort queries and matrix answered from them. */
package io.setlist.sql.retention;
