package io.setlist.recommender.neighbours;

import io.setlist.recommender.profile.ProfileSimilarity;

/**
 * One worker's share of the pairwise search: every pair of users sharing an artist is computed once, by the lower
 * user of the two, and offered to both users' top-k in the shared {@link NeighbourHeaps}.
 *
 * <p>Tiling: a block of query users × one <em>range</em> of {@link #range} consecutive candidate users at a time. For
 * each query user q of the block, only postings of users above q inside the range are read (postings are in ascending
 * user order, and a per-(q, artist) cursor carries over from one range to the next), so the accumulator is
 * {@code float[range]} and stays in L1/L2, and the block's query users re-read the same popular artists' posting
 * stretch while it is cached. Over all tiles that is Σ over artists of listeners²/2 accumulations.
 *
 * <p>The cost that dominates is not the accumulation but the distinct pairs (at 50,000 Last.fm-shaped users, 7.4·10⁸
 * of them for 1.1·10⁹ accumulations), nearly all of which enter neither top-k. So a (q, range) tile is evaluated in
 * two passes: a branch-free filter computes every touched pair's similarity and keeps, in a candidate list, only
 * those reaching the lower of the two users' current k-th best (a lower bound of the exact threshold, read without
 * a lock); then the few candidates are offered to the heaps, which decide exactly.
 *
 * <p>Exactness: {@code dot[v] = Σ_a w(q,a)·w(v,a)} adds the products in ascending artist order, as the full scan and
 * the brute force do, so similarities are equal bit for bit to theirs, whichever user of the pair computes it.
 *
 * <p>Cost: O(Σ postings read + distinct pairs + artists of the block's users × ranges); memory per worker
 * O(range + the block's plays).
 */
final class PairwiseNeighbourBlock {

    /**
     * Candidate users per tile: the float accumulator is 64 KB at 16,384 (the touched list and candidates beside it),
     * so the tile stays in the 1 MB L2 with the posting stretches being read.
     */
    static final int DEFAULT_RANGE = 16_384;

    private final SearchInputs in;
    private final NeighbourHeaps heaps;
    private final int users;
    private final int range;

    private final float[] dot;
    private final int[] touched;
    private final int[] candidates;
    private final float[] candidateSimilarities;
    private int[] cursor = new int[0];
    /**
     * Per (query user, artist) of the block: the user at its cursor, or {@link Integer#MAX_VALUE} past the artist's
     * postings. A query user's artists whose next listener lies beyond the range are skipped on this block-local,
     * sequentially read array: at full size most (query user, artist, range) triples are empty, and testing them on
     * the postings themselves cost a cache miss each (3.9·10⁸ of them).
     */
    private int[] nextUser = new int[0];
    private long postingsScanned;
    private long pairsEvaluated;

    PairwiseNeighbourBlock(SearchInputs in, NeighbourHeaps heaps, int range) {
        if (in.postings().playPosting == null) {
            throw new IllegalArgumentException("the pairwise search needs the exact (uncapped) index");
        }
        if (range < 1) {
            throw new IllegalArgumentException("range must be >= 1, got " + range);
        }
        this.in = in;
        this.heaps = heaps;
        this.users = in.users();
        this.range = range;
        this.dot = new float[range];
        this.touched = new int[range + 1]; // +1: the branch-free appends write one slot ahead
        this.candidates = new int[range + 1];
        this.candidateSimilarities = new float[range + 1];
    }

    /** Postings read so far. */
    long postingsScanned() {
        return postingsScanned;
    }

    /** Distinct pairs whose similarity was computed so far. */
    long pairsEvaluated() {
        return pairsEvaluated;
    }

    /** Offers every pair (q, v) with q in {@code fromUser..toUser-1}, v &gt; q, sharing an artist, to both users. */
    void compute(int fromUser, int toUser) {
        int firstPlay = in.rowStart()[fromUser];
        int plays = in.rowStart()[toUser] - firstPlay;
        if (cursor.length < plays) {
            cursor = new int[Math.max(plays, cursor.length * 2)];
            nextUser = new int[cursor.length];
        }
        final int[] playPosting = in.postings().playPosting;
        final int[] postingStart = in.postings().postingStart;
        final int[] columns = in.columns();
        for (int c = 0; c < plays; c++) {
            int p = playPosting[firstPlay + c] + 1; // the users after q in that artist's postings
            cursor[c] = p;
            nextUser[c] = userAt(p, postingStart[columns[firstPlay + c] + 1]);
        }
        for (int lo = fromUser + 1; lo < users; lo += range) {
            int hi = (int) Math.min(users, (long) lo + range);
            for (int q = fromUser; q < toUser; q++) {
                int touchedCount = scan(q, lo, hi, firstPlay);
                pairsEvaluated += touchedCount;
                int candidateCount = filter(q, lo, touchedCount);
                for (int c = 0; c < candidateCount; c++) {
                    int v = candidates[c];
                    float similarity = candidateSimilarities[c];
                    if (similarity > 0f) {
                        heaps.offer(q, v, similarity);
                        heaps.offer(v, q, similarity);
                    }
                }
            }
        }
    }

    /**
     * Accumulates q's dot products with the users lo..hi-1 after q into {@code dot} and lists each touched slot once
     * in {@code touched}, in the order first made non-zero; returns how many.
     */
    private int scan(int q, int lo, int hi, int firstPlay) {
        final int[] rowStart = in.rowStart();
        final int[] columns = in.columns();
        final float[] rowWeights = in.rowWeights();
        final int[] postingStart = in.postings().postingStart;
        final int[] postingUsers = in.postings().users;
        final float[] postingWeights = in.postings().weights;
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        final int[] cursor = this.cursor;
        final int[] nextUser = this.nextUser;
        int touchedCount = 0;
        long read = 0;
        for (int i = rowStart[q], end = rowStart[q + 1]; i < end; i++) {
            int c = i - firstPlay;
            if (nextUser[c] >= hi) {
                continue;
            }
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
                float after = before + wq * postingWeights[p];
                // Unconditional write, 0-or-1 advance: no mispredicted branch. A slot is listed when it first becomes
                // non-zero, which happens once (adding positive floats never returns to 0), so never twice.
                touched[touchedCount] = slot;
                touchedCount += before == 0f & after != 0f ? 1 : 0;
                dot[slot] = after;
            }
            read += p - from;
            cursor[c] = p;
            nextUser[c] = userAt(p, stop);
        }
        postingsScanned += read;
        return touchedCount;
    }

    /** The user of posting p, or {@link Integer#MAX_VALUE} when p is past the artist's postings ({@code stop}). */
    private int userAt(int p, int stop) {
        return p < stop ? in.postings().users[p] : Integer.MAX_VALUE;
    }

    /**
     * Computes the similarity of q with every touched user, clears the accumulator, and keeps in {@code candidates}
     * those reaching q's or the user's k-th best: one pass without branches on the data, since nearly all fail.
     * The thresholds may be stale (lower), which only keeps more candidates for the heaps' exact check.
     *
     * @return the number of candidates
     */
    private int filter(int q, int lo, int touchedCount) {
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        final int[] candidates = this.candidates;
        final float[] similarities = this.candidateSimilarities;
        final float[] kth = heaps.kthBestByUser();
        final float kthQ = kth[q];
        final int[] packed = in.packedProfiles();
        int count = 0;
        if (in.profileWeight() == 0.0) {
            for (int t = 0; t < touchedCount; t++) {
                int slot = touched[t];
                float s = dot[slot];
                dot[slot] = 0f;
                int v = lo + slot;
                candidates[count] = v;
                similarities[count] = s;
                count += s >= kthQ | s >= kth[v] ? 1 : 0;
            }
        } else if (packed != null) {
            final double cosineWeight = in.cosineWeight();
            final double profileWeight = in.profileWeight();
            final int pq = packed[q];
            for (int t = 0; t < touchedCount; t++) {
                int slot = touched[t];
                float cosine = dot[slot];
                dot[slot] = 0f;
                int v = lo + slot;
                // the same expression as SearchInputs.similarity, inlined on the packed codes
                float s = (float) (cosineWeight * cosine
                        + profileWeight * ProfileSimilarity.Codes.similarityOfPacked(pq, packed[v]));
                candidates[count] = v;
                similarities[count] = s;
                count += s >= kthQ | s >= kth[v] ? 1 : 0;
            }
        } else {
            for (int t = 0; t < touchedCount; t++) {
                int slot = touched[t];
                float cosine = dot[slot];
                dot[slot] = 0f;
                int v = lo + slot;
                float s = in.similarity(q, v, cosine);
                candidates[count] = v;
                similarities[count] = s;
                count += s >= kthQ | s >= kth[v] ? 1 : 0;
            }
        }
        return count;
    }
}
