package io.setlist.scheduler.predictions;

import io.setlist.recommender.completion.model.BinaryMetrics;
import io.setlist.sql.predictions.PredictionLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-variant accuracy of served predictions against what happened: the rows of {@code setlist ab-report}.
 *
 * <p>Accuracy counts a prediction right when "completed" ({@code p >= threshold}, the version's own threshold, as in
 * {@link BinaryMetrics}) matches the observed label. Its 95% interval is Wilson's score interval, which stays inside
 * [0, 1] and behaves at small n and near 0 or 1, where the normal approximation does not. Predictions whose play has
 * not been seen are counted ({@code unobserved}) and left out of the scores.
 */
public final class AbReport {
    private static final double Z95 = 1.959963984540054;

    private AbReport() {
    }

    /**
     * One variant ({@code model:<name>} for predictions of the named-model route).
     *
     * @param served     predictions logged
     * @param observed   of them, with an observed outcome
     * @param correct    of those, predicted right
     * @param logLoss    NaN when nothing is observed
     * @param auc        NaN when one class only
     */
    public record Row(String variant, String versions, long served, long observed, long correct, double accuracy,
                      double ciLow, double ciHigh, double logLoss, double auc) {
    }

    public static List<Row> of(List<PredictionLog.Observed> log) {
        Map<String, List<PredictionLog.Observed>> byVariant = new LinkedHashMap<>();
        for (PredictionLog.Observed o : log) {
            String variant = o.variant() != null ? o.variant() : "model:" + o.model();
            byVariant.computeIfAbsent(variant, k -> new ArrayList<>()).add(o);
        }
        List<Row> rows = new ArrayList<>();
        byVariant.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rows.add(row(e.getKey(),
                e.getValue())));
        return rows;
    }

    private static Row row(String variant, List<PredictionLog.Observed> predictions) {
        TreeSet<Integer> versions = new TreeSet<>();
        int n = 0;
        for (PredictionLog.Observed o : predictions) {
            versions.add(o.version());
            if (o.completed() != null) {
                n++;
            }
        }
        double[] p = new double[n];
        byte[] y = new byte[n];
        long correct = 0;
        int i = 0;
        for (PredictionLog.Observed o : predictions) {
            if (o.completed() == null) {
                continue;
            }
            p[i] = o.probability();
            y[i] = (byte) (o.completed() ? 1 : 0);
            if ((o.probability() >= o.threshold()) == o.completed()) {
                correct++;
            }
            i++;
        }
        double[] ci = wilson(correct, n);
        double logLoss = n == 0 ? Double.NaN : BinaryMetrics.of(p, y, 0.5).logLoss();
        return new Row(variant, versions.stream().map(v -> "v" + v).reduce((a, b) -> a + "," + b).orElse(""),
                predictions.size(), n, correct, n == 0 ? Double.NaN : (double) correct / n, ci[0], ci[1], logLoss,
                BinaryMetrics.auc(p, y));
    }

    /** Wilson score 95% interval of a proportion; {NaN, NaN} for n = 0. */
    public static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double phat = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (phat + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
