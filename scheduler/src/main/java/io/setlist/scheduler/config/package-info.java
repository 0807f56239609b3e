/** The service's settings, read from the environment and validated, and the backends they open. */
package io.setlist.scheduler.config;
