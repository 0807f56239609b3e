package io.setlist.sql.workload;

import java.util.SplittableRandom;

/** Draws an index in proportion to fixed, non-negative weights (binary search over the running sums). */
public final class WeightedIndex {
    private final double[] cumulative;

    WeightedIndex(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("negative or NaN weight at " + i);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
    }

    /** Weights {@code 1 / (rank + 1)^exponent} for ranks 0..n-1: a Zipf law. */
    public static WeightedIndex zipf(int n, double exponent) {
        double[] weights = new double[n];
        for (int rank = 0; rank < n; rank++) {
            weights[rank] = 1.0 / Math.pow(rank + 1, exponent);
        }
        return new WeightedIndex(weights);
    }

    int size() {
        return cumulative.length;
    }

    public int draw(SplittableRandom rng) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
