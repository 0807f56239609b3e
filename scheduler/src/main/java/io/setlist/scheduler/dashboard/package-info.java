/**
 * The operations dashboard's computations on the warehouse: model diagnostics (calibration, ROC), recommendation
 * explanations, and the settings its panels compare with. Its routes and page are in {@code io.setlist.scheduler.api}.
 */
package io.setlist.scheduler.dashboard;
