/** Completion data: play outcome labels, the listening log, the catalogue and the features known before each play. */
package io.setlist.recommender.completion;
