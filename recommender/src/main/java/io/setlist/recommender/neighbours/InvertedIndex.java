package io.setlist.recommender.neighbours;

import io.setlist.recommender.interactions.PlayCounts;
import java.util.Arrays;

/**
 * Artist → (user, weight) postings: the transpose of the weighted play-count rows (CSC).
 *
 * <p>This is what lets the neighbour search touch only users that share an artist with the query user
 * instead of all users; postings are in ascending user order.
 */
final class InvertedIndex {

    final int[] postingStart;
    final int[] users;
    final float[] weights;

    private InvertedIndex(int[] postingStart, int[] users, float[] weights) {
        this.postingStart = postingStart;
        this.users = users;
        this.weights = weights;
    }

    static InvertedIndex of(PlayCounts counts, float[] rowWeights) {
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        int[] postingStart = new int[counts.artists() + 1];
        for (int column : columns) {
            postingStart[column + 1]++;
        }
        for (int a = 0; a < counts.artists(); a++) {
            postingStart[a + 1] += postingStart[a];
        }
        int[] cursor = Arrays.copyOf(postingStart, counts.artists());
        int[] users = new int[columns.length];
        float[] weights = new float[columns.length];
        for (int u = 0; u < counts.users(); u++) {
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                int at = cursor[columns[i]]++;
                users[at] = u;
                weights[at] = rowWeights[i];
            }
        }
        return new InvertedIndex(postingStart, users, weights);
    }
}
