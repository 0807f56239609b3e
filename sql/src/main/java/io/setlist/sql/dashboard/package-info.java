/** The operations dashboard's reads: metric history, cache-tier fill, key lookups and stored cache replays. */
package io.setlist.sql.dashboard;
