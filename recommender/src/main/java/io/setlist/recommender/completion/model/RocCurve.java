package io.setlist.recommender.completion.model;

import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * The ROC curve of probabilistic predictions of "completed" (label 1): false- and true-positive rates as the
 * threshold sweeps from above the highest score down to the lowest. Tied scores move both rates at once (a
 * diagonal step), so the area under the returned polyline equals {@link BinaryMetrics#auc()} with ties counted half.
 *
 * <p>Cost: one sort, O(n log n); the curve is thinned to at most {@code maxPoints} vertices (always keeping (0,0)
 * and (1,1)) so that a chart of a million predictions stays small.
 */
public final class RocCurve {
    private RocCurve() {
    }

    /** Vertices of the curve, {@code fpr[i], tpr[i]} ascending; empty arrays when one class is absent. */
    public record Points(double[] fpr, double[] tpr) {
    }

    public static Points of(double[] p, byte[] y, int maxPoints) {
        if (p.length != y.length) {
            throw new IllegalArgumentException("predictions and labels differ in length");
        }
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        int n = p.length;
        long positives = 0;
        for (byte label : y) {
            positives += label;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return new Points(new double[0], new double[0]);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        IntArrays.quickSort(order, (a, b) -> Double.compare(p[b], p[a]));
        // One vertex per distinct score (the end of each tie group), plus the origin.
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        int vertices = 1;
        long tp = 0, fp = 0;
        for (int i = 0; i < n; i++) {
            int row = order[i];
            if (y[row] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i == n - 1 || p[order[i + 1]] != p[row]) {
                fpr[vertices] = (double) fp / negatives;
                tpr[vertices] = (double) tp / positives;
                vertices++;
            }
        }
        return thin(fpr, tpr, vertices, maxPoints);
    }

    /** Keeps evenly spaced vertices, the first and the last always. */
    private static Points thin(double[] fpr, double[] tpr, int vertices, int maxPoints) {
        int keep = Math.min(vertices, maxPoints);
        double[] f = new double[keep];
        double[] t = new double[keep];
        for (int k = 0; k < keep; k++) {
            int i = keep == 1 ? 0 : (int) Math.round((double) k * (vertices - 1) / (keep - 1));
            f[k] = fpr[i];
            t[k] = tpr[i];
        }
        return new Points(f, t);
    }
}
