/** Streaming the play matrix and profiles out of the warehouse for the recommender. */
package io.setlist.sql.plays;
