package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.util.SplittableRandom;

/** Feature tables with a known generating model, for model tests. */
final class SyntheticTables {
    private SyntheticTables() {
    }

    /** P(completed) = σ(1.5·x0 − x1 + 2·[x2 > 0 XOR x3 > 0] − 1); x4 is noise. */
    static FeatureTable draw(int rows, long seed) {
        return draw(rows, seed, -1);
    }

    /** As {@link #draw(int, long)} with another intercept: a larger one makes completions the clear majority. */
    static FeatureTable draw(int rows, long seed, double intercept) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = 5;
        double[] x = new double[rows * d];
        byte[] y = new byte[rows];
        long[] ts = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < d; c++) {
                x[r * d + c] = rng.nextDouble() * 2 - 1;
            }
            boolean xor = (x[r * d + 2] > 0) ^ (x[r * d + 3] > 0);
            double eta = 1.5 * x[r * d] - x[r * d + 1] + (xor ? 2 : 0) + intercept;
            y[r] = (byte) (rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
            ts[r] = r;
        }
        return new FeatureTable(new String[] {"a", "b", "c", "d", "noise"}, x, y, ts, new int[rows], new int[rows]);
    }
}
