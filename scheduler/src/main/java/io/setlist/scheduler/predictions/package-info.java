/** Completion predictions: training challengers into the registry, online prediction, and the A/B split and report. */
package io.setlist.scheduler.predictions;
