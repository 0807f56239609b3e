package io.setlist.recommender.neighbours;

import io.setlist.recommender.profile.ProfileSimilarity;
import io.setlist.recommender.select.TopK;

/**
 * One worker's share of the neighbour search: computes the top-k neighbours of a range of users and
 * writes them into disjoint slices of the shared output arrays, so workers never synchronise.
 *
 * <p>For a query user {@code u}, walking u's artists and each artist's postings accumulates
 * {@code dot[v] = Σ_a w(u,a)·w(v,a)} for exactly the users {@code v} sharing an artist with u. Because rows
 * are L2-normalised that sum is the cosine. The dense {@code float[users]} accumulator is allocated once
 * per worker; after each query only the touched entries are reset, so a query costs
 * O(Σ postings visited + touched), not O(users).
 *
 * <p>Summation runs over u's artists in ascending order, so {@code dot[v]} adds the same products in the
 * same order whichever of u and v is the query: similarities are symmetric bit for bit, and results do
 * not depend on how users are split between workers.
 */
final class NeighbourBlock {

    private final int[] rowStart;
    private final int[] columns;
    private final float[] rowWeights;
    private final InvertedIndex postings;
    private final ProfileSimilarity.Codes profiles;
    private final double profileWeight;
    private final int k;

    private final int[] outNeighbours;
    private final float[] outSimilarities;
    private final int[] outCounts;

    private final float[] dot;
    private final boolean[] seen;
    private final int[] touched;
    private final TopK top;

    NeighbourBlock(int[] rowStart, int[] columns, float[] rowWeights, InvertedIndex postings,
                   ProfileSimilarity.Codes profiles, double profileWeight, int k,
                   int[] outNeighbours, float[] outSimilarities, int[] outCounts) {
        this.rowStart = rowStart;
        this.columns = columns;
        this.rowWeights = rowWeights;
        this.postings = postings;
        this.profiles = profiles;
        this.profileWeight = profiles == null ? 0.0 : profileWeight;
        this.k = k;
        this.outNeighbours = outNeighbours;
        this.outSimilarities = outSimilarities;
        this.outCounts = outCounts;
        int users = rowStart.length - 1;
        this.dot = new float[users];
        this.seen = new boolean[users];
        this.touched = new int[users];
        this.top = new TopK(k);
    }

    /** Computes neighbours of users {@code fromUser} (inclusive) to {@code toUser} (exclusive). */
    void compute(int fromUser, int toUser) {
        final int[] postingStart = postings.postingStart;
        final int[] postingUsers = postings.users;
        final float[] postingWeights = postings.weights;
        final double cosineWeight = 1.0 - profileWeight;
        for (int u = fromUser; u < toUser; u++) {
            int touchedCount = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                float wu = rowWeights[i];
                int artist = columns[i];
                for (int p = postingStart[artist]; p < postingStart[artist + 1]; p++) {
                    int v = postingUsers[p];
                    if (!seen[v]) {
                        seen[v] = true;
                        touched[touchedCount++] = v;
                    }
                    dot[v] += wu * postingWeights[p];
                }
            }
            top.clear();
            for (int t = 0; t < touchedCount; t++) {
                int v = touched[t];
                if (v != u) {
                    float similarity = profileWeight == 0.0
                            ? dot[v]
                            : (float) (cosineWeight * dot[v] + profileWeight * profiles.similarity(u, v));
                    if (similarity > 0f) {
                        top.offer(v, similarity);
                    }
                }
                dot[v] = 0f;
                seen[v] = false;
            }
            outCounts[u] = top.drainBestFirst(outNeighbours, outSimilarities, u * k);
        }
    }
}
