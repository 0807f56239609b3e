package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.PlayCounts;

/** A recommender under offline evaluation: trained on the training rows, asked for top-k lists for test users. */
public interface TopNModel {

    /** Name in the results table. */
    String name();

    /**
     * @param train     the training rows as a play matrix
     * @param data      the whole data set (profiles; never read its test rows)
     * @param testUsers users to recommend for; some may have no training rows
     * @return top-k artist ids per test user, best first, aligned with {@code testUsers}; never an artist of the
     *         user's training rows
     */
    int[][] recommend(PlayCounts train, Interactions data, int[] testUsers, int k);
}
