package io.setlist.recommender.completion.model;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores of probabilistic predictions of "completed" (label 1) against outcomes.
 *
 * @param threshold        predict "completed" when p ≥ threshold
 * @param balancedAccuracy mean of the recall of both classes
 * @param auc              ROC AUC (ties count half); NaN when one class is absent
 * @param logLoss          mean negative log-likelihood, p clipped to [1e-15, 1-1e-15]
 * @param brier            mean squared error of p
 */
public record BinaryMetrics(int rows, double positiveRate, double threshold, double accuracy,
                            double balancedAccuracy, double auc, double logLoss, double brier,
                            List<CalibrationBin> calibration) {

    /** One bin of predicted probability with the rate actually observed in it. */
    public record CalibrationBin(double from, double to, int rows, double meanPredicted, double observedRate) {
    }

    public static BinaryMetrics of(double[] p, byte[] y, double threshold) {
        int n = p.length;
        if (n != y.length) {
            throw new IllegalArgumentException("predictions and labels differ in length");
        }
        long tp = 0, tn = 0, positives = 0;
        double logLoss = 0, brier = 0;
        int bins = 10;
        int[] count = new int[bins];
        double[] predicted = new double[bins];
        double[] observed = new double[bins];
        for (int i = 0; i < n; i++) {
            boolean positive = y[i] == 1;
            positives += y[i];
            boolean predictedPositive = p[i] >= threshold;
            if (positive && predictedPositive) {
                tp++;
            } else if (!positive && !predictedPositive) {
                tn++;
            }
            double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
            logLoss -= positive ? Math.log(q) : Math.log(1 - q);
            brier += (p[i] - y[i]) * (p[i] - y[i]);
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            count[b]++;
            predicted[b] += p[i];
            observed[b] += y[i];
        }
        long negatives = n - positives;
        double recallPos = positives == 0 ? Double.NaN : (double) tp / positives;
        double recallNeg = negatives == 0 ? Double.NaN : (double) tn / negatives;
        List<CalibrationBin> table = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                table.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b],
                        predicted[b] / count[b], observed[b] / count[b]));
            }
        }
        return new BinaryMetrics(n, n == 0 ? Double.NaN : (double) positives / n, threshold,
                n == 0 ? Double.NaN : (double) (tp + tn) / n, (recallPos + recallNeg) / 2, auc(p, y),
                n == 0 ? Double.NaN : logLoss / n, n == 0 ? Double.NaN : brier / n, List.copyOf(table));
    }

    /** Mann-Whitney AUC with average ranks for ties. */
    public static double auc(double[] p, byte[] y) {
        int n = p.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        IntArrays.quickSort(order, (a, b) -> Double.compare(p[a], p[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The threshold in [0.05, 0.95] (steps of 0.01) with the highest accuracy; ties: nearest 0.5. */
    public static double bestAccuracyThreshold(double[] p, byte[] y) {
        double best = 0.5;
        double bestAccuracy = -1;
        for (int step = 5; step <= 95; step++) {
            double t = step / 100.0;
            long correct = 0;
            for (int i = 0; i < p.length; i++) {
                if ((p[i] >= t) == (y[i] == 1)) {
                    correct++;
                }
            }
            double accuracy = (double) correct / Math.max(1, p.length);
            if (accuracy > bestAccuracy + 1e-12
                    || (Math.abs(accuracy - bestAccuracy) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
                bestAccuracy = accuracy;
                best = t;
            }
        }
        return best;
    }
}
