package io.setlist.recommender.neighbours;

import io.setlist.recommender.profile.ProfileSimilarity;
import io.setlist.recommender.select.TopK;
import java.util.Arrays;

/**
 * The same exact top-k as {@link NeighbourBlock}, but it skips the postings of a query user's most popular artists
 * when an upper bound proves that they cannot change the result (MaxScore-style pruning).
 *
 * <p>Per query user u:
 * <ol>
 *   <li>u's artists are ordered by listener count, most popular first. A prefix H of them (the "skipped" artists)
 *       is chosen whose weight norm {@code ‖u_H‖} is small. By Cauchy–Schwarz, for any v
 *       {@code Σ_{a∈H} w(u,a)·w(v,a) ≤ ‖u_H‖·‖v_H‖ ≤ ‖u_H‖}, since rows are L2-normalised.</li>
 *   <li>The postings of the other artists L are accumulated: {@code partial(v)}, a lower bound of the cosine,
 *       and {@code partial(v) + ‖u_H‖}, an upper bound.</li>
 *   <li>θ = the k-th largest lower bound {@code (1−w)·partial + w·profile} among the touched users is a lower
 *       bound of the final k-th similarity. A user reached only through H has similarity at most
 *       {@code (1−w)·‖u_H‖ + w}; while that is not below θ, the least popular artist of H is moved to L and its
 *       postings are scanned, so H shrinks until the bound holds (possibly to nothing).</li>
 *   <li>Every touched user whose upper bound reaches θ gets its exact similarity by merging the two rows in
 *       ascending artist order: the same float additions in the same order as the full scan, so the result is
 *       bit-identical to {@link NeighbourBlock}'s and to a brute-force cosine.</li>
 * </ol>
 * Bounds are compared with a margin ({@link #MARGIN}) far above float rounding, so pruning never removes a user
 * the exact search would keep. The popular artists are the ones with the longest postings, so skipping them is
 * where the time goes; how many can be skipped depends on θ, i.e. on the data.
 */
final class BoundedNeighbourBlock implements NeighbourWorker {

    /** Safety margin on bound comparisons; float rounding of a ≤ 1 dot product over ≤ 10^4 terms is ≪ this. */
    static final float MARGIN = 1e-4f;

    /**
     * Share of the hinted θ that the skipped artists' norm may use. Larger skips more postings but lets more
     * touched users through to the exact merge; measured on Last.fm-360K-shaped data, 0.15, 0.3 and 0.5 were all
     * slower than the full scan (README, "Scale").
     */
    static final double BUDGET = 0.3;

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
    private final int[] touched;
    private final TopK top;
    private final TopK lower;
    private long[] order = new long[64];
    /** The k-th similarity of the previous query user: the first guess at θ for choosing H. */
    private float thetaHint;
    private long postingsScanned;
    private long postingsSkipped;

    BoundedNeighbourBlock(int[] rowStart, int[] columns, float[] rowWeights, InvertedIndex postings,
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
        this.touched = new int[users + 1];
        this.top = new TopK(k);
        this.lower = new TopK(k);
    }

    @Override
    public long postingsScanned() {
        return postingsScanned;
    }

    @Override
    public long postingsSkipped() {
        return postingsSkipped;
    }

    @Override
    public void compute(int fromUser, int toUser) {
        for (int u = fromUser; u < toUser; u++) {
            outCounts[u] = k == 0 ? 0 : query(u);
        }
    }

    private int query(int u) {
        final int from = rowStart[u];
        final int len = rowStart[u + 1] - from;
        final double cosineWeight = 1.0 - profileWeight;
        final int[] postingStart = postings.postingStart;
        if (order.length < len) {
            order = new long[Math.max(len, 2 * order.length)];
        }
        // most popular first: sort (listeners << 32 | position) ascending and read it backwards
        for (int j = 0; j < len; j++) {
            int a = columns[from + j];
            order[j] = ((long) (postingStart[a + 1] - postingStart[a]) << 32) | j;
        }
        Arrays.sort(order, 0, len);
        for (int lo = 0, hi = len - 1; lo < hi; lo++, hi--) {
            long t = order[lo];
            order[lo] = order[hi];
            order[hi] = t;
        }
        // H = order[0..h): the most popular artists while the bound they leave is below the hinted θ
        double budget = thetaHint > profileWeight ? BUDGET * (thetaHint - profileWeight) / cosineWeight : 0.0;
        int h = 0;
        double hSquares = 0;
        while (h < len) {
            float w = rowWeights[from + (int) order[h]];
            if (Math.sqrt(hSquares + (double) w * w) > budget) {
                break;
            }
            hSquares += (double) w * w;
            h++;
        }
        int touchedCount = 0;
        for (int j = h; j < len; j++) {
            touchedCount = scan(from + (int) order[j], touchedCount);
        }
        float theta = kthLowerBound(u, touchedCount, cosineWeight);
        // shrink H until no user reached only through it can beat θ
        while (h > 0 && (float) (cosineWeight * Math.sqrt(hSquares) + profileWeight) >= theta - MARGIN) {
            h--;
            touchedCount = scan(from + (int) order[h], touchedCount);
            hSquares = 0;
            for (int j = 0; j < h; j++) {
                float w = rowWeights[from + (int) order[j]];
                hSquares += (double) w * w;
            }
        }
        for (int j = 0; j < h; j++) {
            int a = columns[from + (int) order[j]];
            postingsSkipped += postingStart[a + 1] - postingStart[a];
        }
        float skippedNorm = (float) Math.sqrt(hSquares);

        top.clear();
        for (int t = 0; t < touchedCount; t++) {
            int v = touched[t];
            float partial = dot[v];
            if (v == u) {
                continue;
            }
            double upperCosine = partial + skippedNorm;
            if ((float) (cosineWeight * upperCosine + profileWeight) < theta - MARGIN) {
                continue;
            }
            if (profileWeight != 0.0
                    && (float) (cosineWeight * upperCosine + profileWeight * profiles.similarity(u, v)) < theta - MARGIN) {
                continue;
            }
            float cosine = exactDot(u, v);
            float similarity = profileWeight == 0.0
                    ? cosine
                    : (float) (cosineWeight * cosine + profileWeight * profiles.similarity(u, v));
            if (similarity > 0f) {
                top.offer(v, similarity);
            }
        }
        for (int t = 0; t < touchedCount; t++) {
            dot[touched[t]] = 0f;
        }
        int n = top.size();
        if (n == k) {
            thetaHint = top.worstScore();
        }
        return top.drainBestFirst(outNeighbours, outSimilarities, u * k);
    }

    /** Adds one artist's postings (row entry {@code i} of the query user) to the accumulator. */
    private int scan(int i, int touchedCount) {
        final int[] postingUsers = postings.users;
        final float[] postingWeights = postings.weights;
        final float[] dot = this.dot;
        final int[] touched = this.touched;
        float wu = rowWeights[i];
        int artist = columns[i];
        int start = postings.postingStart[artist];
        int end = postings.postingStart[artist + 1];
        postingsScanned += end - start;
        for (int p = start; p < end; p++) {
            int v = postingUsers[p];
            float before = dot[v];
            touched[touchedCount] = v;
            touchedCount += before == 0f ? 1 : 0;
            float after = before + wu * postingWeights[p];
            // keep a touched entry non-zero even if the product underflows, so no user is listed twice; the
            // accumulator only feeds bounds (exact values come from exactDot), so the nudge is harmless
            dot[v] = after == 0f ? Float.MIN_VALUE : after;
        }
        return touchedCount;
    }

    /** θ: the k-th largest {@code (1−w)·partial + w·profile} over touched users other than u, or −∞. */
    private float kthLowerBound(int u, int touchedCount, double cosineWeight) {
        lower.clear();
        float kth = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < touchedCount; t++) {
            int v = touched[t];
            if (v == u) {
                continue;
            }
            float partial = dot[v];
            float bound;
            if (profileWeight == 0.0) {
                bound = partial;
            } else {
                if ((float) (cosineWeight * partial + profileWeight) < kth) {
                    continue;
                }
                bound = (float) (cosineWeight * partial + profileWeight * profiles.similarity(u, v));
            }
            if (bound > 0f && bound >= kth) {
                lower.offer(v, bound);
                if (lower.size() == k) {
                    kth = lower.worstScore();
                }
            }
        }
        return lower.size() == k ? kth : Float.NEGATIVE_INFINITY;
    }

    /** The cosine of u and v summed in ascending artist order, exactly as the full scan sums it. */
    private float exactDot(int u, int v) {
        float sum = 0f;
        int i = rowStart[u];
        int iEnd = rowStart[u + 1];
        int j = rowStart[v];
        int jEnd = rowStart[v + 1];
        while (i < iEnd && j < jEnd) {
            int a = columns[i];
            int b = columns[j];
            if (a < b) {
                i++;
            } else if (a > b) {
                j++;
            } else {
                sum = sum + rowWeights[i] * rowWeights[j];
                i++;
                j++;
            }
        }
        return sum;
    }
}
