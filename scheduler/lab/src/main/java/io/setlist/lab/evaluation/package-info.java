/** Offline evaluation: data sets read through the importer's rules, splits, ranking metrics and the models compared. */
package io.setlist.lab.evaluation;
