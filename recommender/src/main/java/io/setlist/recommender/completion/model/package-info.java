/** Completion models (logistic regression, boosted trees, calibration), their selection, time-ordered evaluation and drift checks. */
package io.setlist.recommender.completion.model;
