/** Cache planning: tomorrow's demand per track and the per-tier priority lists ranked by expected full plays per byte. */
package io.setlist.recommender.cache;
