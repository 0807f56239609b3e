package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Has the input moved since the reference window? Two checks:
 * <ul>
 *   <li><b>PSI</b> per feature: {@code Σ (a−e)·ln(a/e)} over the reference window's decile bins, with {@code e}
 *       the reference share and {@code a} the recent share of a bin (each floored at 1e-4). Rule of thumb:
 *       below 0.1 stable, 0.1–0.25 moderate, above 0.25 a shift.</li>
 *   <li><b>New-vs-old classifier</b>: a logistic regression learns to tell recent rows from reference rows on
 *       half of them and is scored on the other half; ROC AUC near 0.5 means it cannot, so no drift.</li>
 * </ul>
 */
public final class DriftCheck {
    private static final double FLOOR = 1e-4;
    private static final long DAY_MILLIS = 86_400_000L;

    private DriftCheck() {
    }

    public static double psi(FeatureTable reference, FeatureTable recent, int column) {
        int n = reference.rows();
        if (n == 0 || recent.rows() == 0) {
            return Double.NaN;
        }
        double[] ref = new double[n];
        for (int r = 0; r < n; r++) {
            ref[r] = reference.value(r, column);
        }
        Arrays.sort(ref);
        double[] edges = new double[9];
        for (int q = 1; q <= 9; q++) {
            edges[q - 1] = ref[Math.min(n - 1, q * n / 10)];
        }
        double[] expected = shares(ref, edges);
        double[] cur = new double[recent.rows()];
        for (int r = 0; r < cur.length; r++) {
            cur[r] = recent.value(r, column);
        }
        double[] actual = shares(cur, edges);
        double psi = 0;
        for (int b = 0; b < expected.length; b++) {
            double e = Math.max(expected[b], FLOOR);
            double a = Math.max(actual[b], FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** Shares of values per bin; bin b holds values ≤ edges[b] not in an earlier bin (duplicate edges merge). */
    private static double[] shares(double[] values, double[] edges) {
        double[] count = new double[edges.length + 1];
        for (double v : values) {
            int b = 0;
            while (b < edges.length && v > edges[b]) {
                b++;
            }
            count[b]++;
        }
        for (int b = 0; b < count.length; b++) {
            count[b] /= values.length;
        }
        return count;
    }

    /** AUC of a classifier telling {@code recent} rows from {@code reference} rows, on held-out halves. */
    public static double newVsOldAuc(FeatureTable reference, FeatureTable recent) {
        if (reference.rows() < 20 || recent.rows() < 20) {
            return Double.NaN;
        }
        int d = reference.columns();
        FeatureTable[] halves = new FeatureTable[2];
        for (int h = 0; h < 2; h++) {
            int rows = (reference.rows() + 1 - h) / 2 + (recent.rows() + 1 - h) / 2;
            double[] x = new double[rows * d];
            byte[] y = new byte[rows];
            int i = 0;
            for (int r = h; r < reference.rows(); r += 2, i++) {
                System.arraycopy(reference.x(), r * d, x, i * d, d);
            }
            for (int r = h; r < recent.rows(); r += 2, i++) {
                System.arraycopy(recent.x(), r * d, x, i * d, d);
                y[i] = 1;
            }
            halves[h] = new FeatureTable(reference.names(), x, y, new long[rows], new int[rows], new int[rows]);
        }
        LogisticRegression model = LogisticRegression.fit(halves[0], 1e-2, true);
        return BinaryMetrics.auc(ModelSelection.predict(model, halves[1]), halves[1].completed());
    }

    /**
     * The last {@code recentDays} days' plays against the earlier days of {@code plays} (rows before
     * {@code endMillis}): whole weeks, so that the weekday mix is the same on both sides. PSI covers every feature
     * ({@code psi:<feature>}, and {@code psi_max}); the new-vs-old classifier ({@code drift_new_vs_old_auc}) leaves
     * out the "so far" counts (names ending in {@code _log}), which grow with history and would separate any late
     * week from an earlier one even in a stationary population. NaN values (too few rows) are left out.
     */
    public static Map<String, Double> recentAgainstEarlier(FeatureTable plays, long endMillis, int recentDays) {
        long recentFrom = endMillis - recentDays * DAY_MILLIS;
        FeatureTable reference = plays.between(Long.MIN_VALUE, recentFrom);
        FeatureTable recent = plays.between(recentFrom, endMillis);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double max = Double.NaN;
        for (int c = 0; c < plays.columns(); c++) {
            double psi = psi(reference, recent, c);
            if (!Double.isNaN(psi)) {
                metrics.put("psi:" + plays.names()[c], psi);
                max = Double.isNaN(max) ? psi : Math.max(max, psi);
            }
        }
        if (!Double.isNaN(max)) {
            metrics.put("psi_max", max);
        }
        String[] stable = Arrays.stream(plays.names()).filter(n -> !n.endsWith("_log")).toArray(String[]::new);
        double auc = newVsOldAuc(reference.withColumns(stable), recent.withColumns(stable));
        if (!Double.isNaN(auc)) {
            metrics.put("drift_new_vs_old_auc", auc);
        }
        return metrics;
    }
}
