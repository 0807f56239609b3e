/** The read API (Javalin): one endpoint class per route, authentication, errors and metrics. */
package io.setlist.scheduler.api;
