package io.setlist.recommender.neighbours;

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

    private final SearchInputs in;
    private final int k;

    private final int[] outNeighbours;
    private final float[] outSimilarities;
    private final int[] outCounts;

    private final float[] dot;
    private final int[] touched;
    private final TopK top;

    NeighbourBlock(SearchInputs in, int k, int[] outNeighbours, float[] outSimilarities, int[] outCounts) {
        this.in = in;
        this.k = k;
        this.outNeighbours = outNeighbours;
        this.outSimilarities = outSimilarities;
        this.outCounts = outCounts;
        int users = in.users();
        this.dot = new float[users];
        this.touched = new int[users + 1]; // +1: the branch-free append writes one slot ahead
        this.top = new TopK(k);
    }

    private long postingsScanned;

    /** Postings read so far. */
    long postingsScanned() {
        return postingsScanned;
    }

    /** Computes neighbours of users {@code fromUser} (inclusive) to {@code toUser} (exclusive). */
    void compute(int fromUser, int toUser) {
        final int[] rowStart = in.rowStart();
        final int[] columns = in.columns();
        final int[] postingStart = in.postings().postingStart;
        final int users = dot.length;
        for (int u = fromUser; u < toUser; u++) {
            long work = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                work += postingStart[columns[i] + 1] - postingStart[columns[i]];
            }
            postingsScanned += work;
            top.clear();
            if (work * 100 >= (long) users * DENSE_PERCENT) {
                scan(u, false);
                evaluateDense(u);
            } else {
                evaluateTouched(u, scan(u, true));
            }
            outCounts[u] = top.drainBestFirst(outNeighbours, outSimilarities, u * k);
        }
    }

    /**
     * When a user's postings add up to more than this percentage of all users (popular artists), keeping a list of
     * touched users costs more than it saves: accumulate without it, then sweep the whole accumulator sequentially.
     * Measured at 100K Last.fm-shaped users, one thread: 100% → 1.16x the first search, 200% → 1.5x, 400% → 1.6x,
     * never dense → 1.3x (a shared, noisy machine; README "Scale").
     */
    static final int DENSE_PERCENT = 300;

    private void evaluateDense(int u) {
        final float[] dot = this.dot;
        float kth = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < dot.length; v++) {
            float cosine = dot[v];
            if (cosine != 0f) {
                dot[v] = 0f;
                if (v != u) {
                    kth = consider(u, v, cosine, kth);
                }
            }
        }
    }

    /** Accumulates u's dot products; when {@code list}, lists each touched user once. @return how many listed */
    private int scan(int u, boolean list) {
        final int[] rowStart = in.rowStart();
        final int[] columns = in.columns();
        final float[] rowWeights = in.rowWeights();
        final InvertedIndex postings = in.postings(); // its arrays are final fields: the JIT reads them once
        final int[] postingStart = postings.postingStart;
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        int touchedCount = 0;
        for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
            float wu = rowWeights[i];
            int artist = columns[i];
            int p = postingStart[artist];
            int end = postingStart[artist + 1];
            if (!list) {
                for (; p < end; p++) {
                    dot[postings.users[p]] += wu * postings.weights[p];
                }
                continue;
            }
            for (; p < end; p++) {
                int v = postings.users[p];
                float before = dot[v];
                float after = before + wu * postings.weights[p];
                // Writing unconditionally and advancing the count by 0 or 1 avoids a branch the CPU mispredicts
                // often. v is listed when its dot first becomes non-zero, which happens once (SearchInputs).
                touched[touchedCount] = v;
                touchedCount += before == 0f & after != 0f ? 1 : 0;
                dot[v] = after;
            }
        }
        return touchedCount;
    }

    private void evaluateTouched(int u, int touchedCount) {
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        float kth = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < touchedCount; t++) {
            int v = touched[t];
            float cosine = dot[v];
            dot[v] = 0f;
            if (v != u) {
                kth = consider(u, v, cosine, kth);
            }
        }
    }

    /**
     * Offers v to the top-k. Until the selection is full every candidate enters; after that only one whose best
     * possible similarity (profile similarity 1) reaches the current k-th best is worth computing the profile
     * similarity for. The bound has the same float rounding as the similarity, so it is never below it.
     *
     * @return the new k-th best similarity, or −∞ while fewer than k are kept
     */
    private float consider(int u, int v, float cosine, float kth) {
        if (in.profileWeight() != 0.0 && (float) (in.cosineWeight() * cosine + in.profileWeight()) < kth) {
            return kth;
        }
        float similarity = in.similarity(u, v, cosine);
        if (similarity > 0f && similarity >= kth) {
            top.offer(v, similarity);
            if (k > 0 && top.size() == k) {
                return top.worstScore();
            }
        }
        return kth;
    }
}
