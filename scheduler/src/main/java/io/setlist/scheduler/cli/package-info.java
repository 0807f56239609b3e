/** The service's command line (picocli): import, run, serve, retention, models, keys and the other operations. */
package io.setlist.scheduler.cli;
