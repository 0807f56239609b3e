/** Exact top-k user neighbours through an artist-to-users inverted index. */
package io.setlist.recommender.neighbours;
