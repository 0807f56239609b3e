package io.setlist.recommender.completion.model;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Isotonic regression of labels on scores (pool-adjacent-violators): the best non-decreasing step function.
 * A score between two blocks gets the linear interpolation of their values; outside, the nearest block's value.
 * Values are kept inside [ε, 1-ε] so that a log-loss never sees 0 or 1.
 */
public record IsotonicCalibration(double[] scores, double[] values) implements Calibrator {
    private static final double EPSILON = 1e-4;

    public static IsotonicCalibration fit(double[] scores, byte[] labels) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows to calibrate on");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        IntArrays.quickSort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        double[] sum = new double[n];
        double[] weight = new double[n];
        double[] meanScore = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sum[blocks] = labels[i];
            weight[blocks] = 1;
            meanScore[blocks] = scores[i];
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                meanScore[blocks - 2] = (meanScore[blocks - 2] * weight[blocks - 2]
                        + meanScore[blocks - 1] * weight[blocks - 1]) / w;
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] = w;
                blocks--;
            }
        }
        double[] x = Arrays.copyOf(meanScore, blocks);
        double[] v = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            v[b] = Math.min(Math.max(sum[b] / weight[b], EPSILON), 1 - EPSILON);
        }
        return new IsotonicCalibration(x, v);
    }

    @Override
    public double calibrate(double score) {
        int i = Arrays.binarySearch(scores, score);
        if (i >= 0) {
            return values[i];
        }
        int hi = -i - 1;
        if (hi == 0) {
            return values[0];
        }
        if (hi == scores.length) {
            return values[scores.length - 1];
        }
        double f = (score - scores[hi - 1]) / (scores[hi] - scores[hi - 1]);
        return values[hi - 1] + f * (values[hi] - values[hi - 1]);
    }

    @Override
    public String name() {
        return "isotonic";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        ModelCodec.writeArray(out, scores);
        ModelCodec.writeArray(out, values);
    }

    static IsotonicCalibration read(DataInputStream in) throws IOException {
        return new IsotonicCalibration(ModelCodec.readArray(in), ModelCodec.readArray(in));
    }
}
