/** Turning neighbours into each user's ranked artists, with the segment-popularity fallback. */
package io.setlist.recommender.ranking;
