/** Bounded top-k selection, the primitive every ranking uses. */
package io.setlist.recommender.select;
