/** The events table's calendar (partitions, loaded days) and the purge of old months. */
package io.setlist.sql.events;
