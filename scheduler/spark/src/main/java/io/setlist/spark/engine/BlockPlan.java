package io.setlist.spark.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The user blocks of the {@code blocks} mode: {@code B} user-id ranges of about equal width over the lowest to the
 * highest user id with plays. Block {@code b} is {@code [from(b), from(b+1))}; ids below or above the range (users
 * without plays) belong to the first or last block. Ranges of ids keep index order: a block's users are a run of
 * consecutive user indexes of the full matrix, so tie-breaks by index are tie-breaks by id everywhere.
 */
public final class BlockPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] from;

    private BlockPlan(int[] from) {
        this.from = from;
    }

    /** {@code blocks} ranges over {@code {lowest, highest}} user id with plays (fewer if the range is narrower). */
    static BlockPlan over(int[] lowestHighest, int blocks) {
        List<int[]> ranges = SparkRecommendStage.idRanges(lowestHighest, blocks);
        if (ranges.isEmpty()) {
            return new BlockPlan(new int[]{0, 1});
        }
        int[] from = new int[ranges.size() + 1];
        for (int b = 0; b < ranges.size(); b++) {
            from[b] = ranges.get(b)[0];
        }
        from[ranges.size()] = ranges.get(ranges.size() - 1)[1];
        return new BlockPlan(from);
    }

    int blocks() {
        return from.length - 1;
    }

    /** {@code [from, to)} of block b. */
    int[] range(int b) {
        return new int[]{from[b], from[b + 1]};
    }

    /** The block of a user id: O(log B). */
    int blockOf(int userId) {
        int lo = 0;
        int hi = blocks() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (from[mid] <= userId) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The pairs {@code (i, j)}, {@code i < j}, a pair search runs on; the one pair (0, 0) when B = 1. */
    List<int[]> pairs() {
        List<int[]> pairs = new ArrayList<>();
        int b = blocks();
        for (int i = 0; i < b; i++) {
            for (int j = b == 1 ? i : i + 1; j < b; j++) {
                pairs.add(new int[]{i, j});
            }
        }
        return pairs;
    }

    /** Index of pair (i, j) in {@link #pairs()}. */
    int pairIndex(int i, int j) {
        int b = blocks();
        if (b == 1) {
            return 0;
        }
        // pairs before row i: Σ_{r<i} (b − 1 − r)
        return i * (b - 1) - i * (i - 1) / 2 + (j - i - 1);
    }
}
