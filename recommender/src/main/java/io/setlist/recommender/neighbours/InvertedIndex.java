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
    /**
     * For play i of the row-major counts (user u, artist a): where u's own posting sits in a's postings, so that
     * the pairwise search starts a's postings right after u. Null for a capped index, which may have dropped it.
     */
    final int[] playPosting;

    private InvertedIndex(int[] postingStart, int[] users, float[] weights, int[] playPosting) {
        this.postingStart = postingStart;
        this.users = users;
        this.weights = weights;
        this.playPosting = playPosting;
    }

    static InvertedIndex of(PlayCounts counts, float[] rowWeights) {
        return of(counts, rowWeights, 0);
    }

    /**
     * @param maxPostings 0 for the exact index; otherwise an APPROXIMATION: an artist with more listeners keeps
     *                    only the {@code maxPostings} listeners with the highest weight for it (ties: lower user),
     *                    so a query user meets the others through their other artists only. The search cost is
     *                    Σ over a user's artists of their posting lengths, which the most popular artists
     *                    dominate; capping them bounds it.
     */
    static InvertedIndex of(PlayCounts counts, float[] rowWeights, int maxPostings) {
        InvertedIndex full = exact(counts, rowWeights);
        return maxPostings > 0 ? full.capped(maxPostings) : full;
    }

    private InvertedIndex capped(int maxPostings) {
        int artists = postingStart.length - 1;
        int[] start = new int[artists + 1];
        for (int a = 0; a < artists; a++) {
            start[a + 1] = start[a] + Math.min(maxPostings, postingStart[a + 1] - postingStart[a]);
        }
        int[] keptUsers = new int[start[artists]];
        float[] keptWeights = new float[start[artists]];
        long[] order = new long[0];
        for (int a = 0; a < artists; a++) {
            int from = postingStart[a];
            int n = postingStart[a + 1] - from;
            if (n <= maxPostings) {
                System.arraycopy(users, from, keptUsers, start[a], n);
                System.arraycopy(weights, from, keptWeights, start[a], n);
                continue;
            }
            if (order.length < n) {
                order = new long[n];
            }
            // weights are positive floats, whose bit patterns sort like the values: (weight bits << 32 | p)
            for (int j = 0; j < n; j++) {
                order[j] = ((long) Float.floatToIntBits(weights[from + j]) << 32) | (0xffffffffL - j);
            }
            java.util.Arrays.sort(order, 0, n);
            int[] keep = new int[maxPostings];
            for (int j = 0; j < maxPostings; j++) {
                keep[j] = (int) (0xffffffffL - (order[n - 1 - j] & 0xffffffffL));
            }
            java.util.Arrays.sort(keep); // back to ascending user order
            for (int j = 0; j < maxPostings; j++) {
                keptUsers[start[a] + j] = users[from + keep[j]];
                keptWeights[start[a] + j] = weights[from + keep[j]];
            }
        }
        return new InvertedIndex(start, keptUsers, keptWeights, null);
    }

    private static InvertedIndex exact(PlayCounts counts, float[] rowWeights) {
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
        int[] playPosting = new int[columns.length];
        for (int u = 0; u < counts.users(); u++) {
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                int at = cursor[columns[i]]++;
                users[at] = u;
                weights[at] = rowWeights[i];
                playPosting[i] = at;
            }
        }
        return new InvertedIndex(postingStart, users, weights, playPosting);
    }
}
