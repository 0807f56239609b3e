/** The user x artist play matrix (CSR) and its row weightings. */
package io.setlist.recommender.interactions;
