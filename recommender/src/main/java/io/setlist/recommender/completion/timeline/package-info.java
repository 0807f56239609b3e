/** The completion features' state kept ready to serve: every event of the window in memory, counted by item. */
package io.setlist.recommender.completion.timeline;
