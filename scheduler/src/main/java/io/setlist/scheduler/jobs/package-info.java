/** Quartz jobs on a clustered JDBC job store: the daily trigger, retries with backoff, recovery. */
package io.setlist.scheduler.jobs;
