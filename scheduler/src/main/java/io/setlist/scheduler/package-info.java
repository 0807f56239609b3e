/** The running service: wiring of the warehouse, the store, the scheduler and the read API. */
package io.setlist.scheduler;
