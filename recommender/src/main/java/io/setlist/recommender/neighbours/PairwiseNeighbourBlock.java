package io.setlist.recommender.neighbours;

import io.setlist.recommender.profile.ProfileSimilarity;

/**
 * One worker's share of the pairwise search: every pair of users sharing an artist is computed once, by the lower
 * user of the two, and offered to both users' top-k in the shared {@link NeighbourHeaps}.
 *
 * <p>For a block of query users, only postings of users above the query user are read, which halves the work
 * (Σ over artists of listeners² / 2). Candidates are taken one <em>range</em> of {@link #range} consecutive users at
 * a time, for every query user of the block in turn: the accumulator then spans only the range (float[range], in
 * L2), not all users, and the block's query users re-read the same popular artists' posting stretch while it is
 * still cached. Each query user keeps, per artist, a cursor into that artist's postings (ascending user order), so
 * moving from one range to the next costs one comparison per artist.
 *
 * <p>Exactness: {@code dot[v] = Σ_a w(q,a)·w(v,a)} adds the products in ascending artist order, as the full scan and
 * the brute force do, so similarities are equal bit for bit to theirs, whichever user of the pair computes it.
 *
 * <p>Cost: O(Σ postings read + touched + artists of the block's users × ranges); memory per worker O(range).
 */
final class PairwiseNeighbourBlock {

    /**
     * Candidate users per accumulator range: float dot + int touched = 8 bytes each, 128 KB at 16,384, so both stay
     * in a 512 KB-1 MB L2 with the posting stretches being read.
     */
    static final int DEFAULT_RANGE = 16_384;

    /** Marks an accumulator entry as already evaluated in this pass (weights and dots are never negative). */
    private static final float CLAIMED = -1f;

    private final int[] rowStart;
    private final int[] columns;
    private final float[] rowWeights;
    private final InvertedIndex postings;
    private final ProfileSimilarity.Codes profiles;
    private final double profileWeight;
    private final double cosineWeight;
    private final boolean denseAllowed;
    /** Profiles one int each, or null (no profiles, or codes too large to pack: then the bound, then the codes). */
    private final int[] packedProfiles;
    private final NeighbourHeaps heaps;
    private final int users;
    private final int range;

    private final float[] dot;
    private final int[] touched;
    private int[] cursor = new int[0];
    private long postingsScanned;

    PairwiseNeighbourBlock(int[] rowStart, int[] columns, float[] rowWeights, InvertedIndex postings,
                           ProfileSimilarity.Codes profiles, int[] packedProfiles, double profileWeight,
                           NeighbourHeaps heaps, int range) {
        if (postings.playPosting == null) {
            throw new IllegalArgumentException("the pairwise search needs the exact (uncapped) index");
        }
        if (range < 1) {
            throw new IllegalArgumentException("range must be >= 1, got " + range);
        }
        this.rowStart = rowStart;
        this.columns = columns;
        this.rowWeights = rowWeights;
        this.postings = postings;
        this.profiles = profiles;
        this.profileWeight = profiles == null ? 0.0 : profileWeight;
        this.cosineWeight = 1.0 - this.profileWeight;
        this.packedProfiles = profiles == null || profileWeight == 0.0 ? null : packedProfiles;
        // The sweep finds touched users by dot != 0, which needs every product of two weights to stay a non-zero
        // float: with weights >= 1e-18 it does (1e-36 > Float.MIN_VALUE). Otherwise the touched list, which needs
        // nothing, is used throughout.
        float smallest = Float.POSITIVE_INFINITY;
        for (float w : rowWeights) {
            smallest = Math.min(smallest, w);
        }
        this.denseAllowed = smallest >= 1e-18f;
        this.heaps = heaps;
        this.users = rowStart.length - 1;
        this.range = range;
        this.dot = new float[range];
        this.touched = new int[range + 1]; // +1: the branch-free append writes one slot ahead
    }

    /** Postings read so far. */
    long postingsScanned() {
        return postingsScanned;
    }

    /** Offers every pair (q, v) with q in {@code fromUser..toUser-1}, v &gt; q, sharing an artist, to both users. */
    void compute(int fromUser, int toUser) {
        int firstPlay = rowStart[fromUser];
        int plays = rowStart[toUser] - firstPlay;
        if (cursor.length < plays) {
            cursor = new int[Math.max(plays, cursor.length * 2)];
        }
        final int[] playPosting = postings.playPosting;
        for (int c = 0; c < plays; c++) {
            cursor[c] = playPosting[firstPlay + c] + 1; // the users after q in that artist's postings
        }
        for (int lo = fromUser + 1; lo < users; lo += range) {
            int hi = (int) Math.min(users, (long) lo + range);
            int width = hi - lo;
            for (int q = fromUser; q < toUser; q++) {
                int touchedCount = scan(q, lo, hi, firstPlay);
                if (denseAllowed && (long) touchedCount * DENSE_DIVISOR >= width) {
                    sweep(q, lo, width);
                } else {
                    evaluate(q, lo, touchedCount);
                }
            }
        }
    }

    /** Accumulates q's dot products with the users lo..hi-1 after q; returns how many entries it touched. */
    private int scan(int q, int lo, int hi, int firstPlay) {
        final int[] postingStart = postings.postingStart;
        final int[] postingUsers = postings.users;
        final float[] postingWeights = postings.weights;
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        final int[] cursor = this.cursor;
        int touchedCount = 0;
        long read = 0;
        for (int i = rowStart[q], end = rowStart[q + 1]; i < end; i++) {
            int c = i - firstPlay;
            int p = cursor[c];
            int stop = postingStart[columns[i] + 1];
            int from = p;
            float wq = rowWeights[i];
            for (; p < stop; p++) {
                int v = postingUsers[p];
                if (v >= hi) {
                    break;
                }
                int slot = v - lo;
                float before = dot[slot];
                // Weights are > 0, so 0 means "first time"; the unconditional write and 0-or-1 advance avoid a
                // mispredicted branch. An underflowing product could list a slot twice: evaluate() skips CLAIMED.
                touched[touchedCount] = slot;
                touchedCount += before == 0f ? 1 : 0;
                dot[slot] = before + wq * postingWeights[p];
            }
            read += p - from;
            cursor[c] = p;
        }
        postingsScanned += read;
        return touchedCount;
    }

    /**
     * When at least 1/DENSE_DIVISOR of a range was touched, the accumulator is read in order instead of through the
     * touched list: sequential reads and no second pass to reset. Measured within the noise of the touched list at
     * 30,000 users on a loaded machine (README, "Pairwise search"); kept for the wide, dense ranges of large sizes.
     */
    static final int DENSE_DIVISOR = 4;

    private void sweep(int q, int lo, int width) {
        final float[] dot = this.dot;
        for (int slot = 0; slot < width; slot++) {
            float cosine = dot[slot];
            if (cosine != 0f) {
                offerPair(q, lo + slot, cosine);
            }
        }
        java.util.Arrays.fill(dot, 0, width, 0f);
    }

    private void evaluate(int q, int lo, int touchedCount) {
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        for (int t = 0; t < touchedCount; t++) {
            int slot = touched[t];
            float cosine = dot[slot];
            if (cosine == CLAIMED) {
                continue;
            }
            dot[slot] = CLAIMED;
            offerPair(q, lo + slot, cosine);
        }
        for (int t = 0; t < touchedCount; t++) {
            dot[touched[t]] = 0f;
        }
    }

    /**
     * Offers the pair to both users, in the order of the checks' cost: nearly all pairs fall below both users'
     * current k-th best, so one comparison against the lower of the two (read without a lock, a lower bound, see
     * {@link NeighbourHeaps}) decides most of them. With a profile weight that comparison uses the best case,
     * profile similarity 1, which has the same float rounding as the similarity, so it is never below it.
     */
    private void offerPair(int q, int v, float cosine) {
        float kthQ = heaps.kthBest(q);
        float kthV = heaps.kthBest(v);
        float lower = Math.min(kthQ, kthV);
        float similarity;
        if (profileWeight == 0.0) {
            similarity = cosine;
            if (similarity < lower) {
                return;
            }
        } else if (packedProfiles != null) {
            // cheaper to compute exactly, without branches, than to bound: the bound passes about half the pairs
            similarity = (float) (cosineWeight * cosine
                    + profileWeight * ProfileSimilarity.Codes.similarityOfPacked(packedProfiles[q], packedProfiles[v]));
            if (similarity < lower) {
                return;
            }
        } else {
            if ((float) (cosineWeight * cosine + profileWeight) < lower) {
                return;
            }
            similarity = (float) (cosineWeight * cosine + profileWeight * profiles.similarity(q, v));
        }
        if (similarity > 0f) {
            if (similarity >= kthQ) {
                heaps.offer(q, v, similarity);
            }
            if (similarity >= kthV) {
                heaps.offer(v, q, similarity);
            }
        }
    }
}
