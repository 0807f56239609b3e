package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the completion models in time order, never training or tuning on the window it reports.
 *
 * <p><b>Holdout.</b> The last {@code testDays} (whole UTC days up to the day of the last play) are the test
 * window; the {@code validationDays} before them choose hyper-parameters, calibration and threshold; everything
 * earlier trains.
 *
 * <p><b>Rolling origin.</b> {@code folds} consecutive windows of {@code testDays}, ending where the holdout test
 * window starts: each fold trains on everything before its validation window, tunes on that window and tests on its
 * own. The test window itself is no fold: feature design looked at it, so a cross-validation figure that included it
 * would not be an independent estimate.
 */
public final class TemporalEvaluation {
    private static final long DAY_MS = 86_400_000L;

    private TemporalEvaluation() {
    }

    /** {@code trainFrom <= ts < validationFrom <= ts < testFrom <= ts < to}. */
    public record Windows(long trainFrom, long validationFrom, long testFrom, long to) {
        public static Windows lastDays(FeatureTable t, int validationDays, int testDays, int shiftDays) {
            if (t.rows() == 0) {
                throw new IllegalArgumentException("no plays to evaluate");
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (long ts : t.ts()) {
                first = Math.min(first, ts);
                last = Math.max(last, ts);
            }
            long to = (Math.floorDiv(last, DAY_MS) + 1 - shiftDays) * DAY_MS;
            long testFrom = to - testDays * DAY_MS;
            long validationFrom = testFrom - validationDays * DAY_MS;
            if (validationFrom <= first) {
                throw new IllegalArgumentException("not enough history: plays span " + Instant.ofEpochMilli(first)
                        + " .. " + Instant.ofEpochMilli(last) + ", which leaves no training window before "
                        + Instant.ofEpochMilli(validationFrom));
            }
            return new Windows(first, validationFrom, testFrom, to);
        }

        @Override
        public String toString() {
            return "train " + Instant.ofEpochMilli(trainFrom) + " / validation " + Instant.ofEpochMilli(validationFrom)
                    + " / test " + Instant.ofEpochMilli(testFrom) + " .. " + Instant.ofEpochMilli(to);
        }
    }

    /** One model's results. */
    public record ModelResult(String algorithm, String parameters, double threshold, BinaryMetrics test,
                              double uncalibratedTestLogLoss, List<BinaryMetrics> folds) {
        public double meanFoldAccuracy() {
            return folds.stream().mapToDouble(BinaryMetrics::accuracy).average().orElse(Double.NaN);
        }

        public double meanFoldAuc() {
            return folds.stream().mapToDouble(BinaryMetrics::auc).filter(v -> !Double.isNaN(v)).average()
                    .orElse(Double.NaN);
        }

        public double sdFoldAccuracy() {
            double mean = meanFoldAccuracy();
            return Math.sqrt(folds.stream().mapToDouble(m -> (m.accuracy() - mean) * (m.accuracy() - mean))
                    .sum() / Math.max(1, folds.size() - 1));
        }
    }

    /** Everything the command prints; {@code foldWindows} oldest first, all before the test window. */
    public record Report(Windows windows, int trainRows, int validationRows, int testRows, List<Windows> foldWindows,
                         List<ModelResult> models) {
        public int folds() {
            return foldWindows.size();
        }
    }

    public static Report evaluate(FeatureTable all, int validationDays, int testDays, int folds,
                                  ModelSelection.Grid grid) {
        Windows w = Windows.lastDays(all, validationDays, testDays, 0);
        FeatureTable train = all.between(w.trainFrom(), w.validationFrom());
        FeatureTable validation = all.between(w.validationFrom(), w.testFrom());
        FeatureTable test = all.between(w.testFrom(), w.to());
        List<Windows> foldWindows = new ArrayList<>();
        for (int f = folds; f >= 1; f--) {
            try {
                foldWindows.add(Windows.lastDays(all, validationDays, testDays, f * testDays));
            } catch (IllegalArgumentException tooEarly) {
                // A fold without a training window is left out.
            }
        }
        List<ModelResult> results = new ArrayList<>();
        for (String algorithm : ModelSelection.ALGORITHMS) {
            ModelSelection.Fitted fitted = ModelSelection.fit(algorithm, train, validation, grid);
            BinaryMetrics testMetrics = BinaryMetrics.of(ModelSelection.predict(fitted.calibrated(), test),
                    test.completed(), fitted.threshold());
            double rawLoss = BinaryMetrics.of(ModelSelection.predict(fitted.raw(), test), test.completed(), 0.5)
                    .logLoss();
            List<BinaryMetrics> foldMetrics = new ArrayList<>();
            for (Windows fw : foldWindows) {
                FeatureTable foldTest = all.between(fw.testFrom(), fw.to());
                if (foldTest.rows() == 0) {
                    continue;
                }
                ModelSelection.Fitted f = ModelSelection.fit(algorithm, all.between(fw.trainFrom(), fw.validationFrom()),
                        all.between(fw.validationFrom(), fw.testFrom()), grid);
                foldMetrics.add(BinaryMetrics.of(ModelSelection.predict(f.calibrated(), foldTest),
                        foldTest.completed(), f.threshold()));
            }
            results.add(new ModelResult(algorithm, fitted.calibrated().parameters(), fitted.threshold(), testMetrics,
                    rawLoss, foldMetrics));
        }
        return new Report(w, train.rows(), validation.rows(), test.rows(), List.copyOf(foldWindows), results);
    }
}
