package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.util.List;

/**
 * Trains one algorithm the way every evaluation and the registry do: hyper-parameters chosen on the validation
 * window, then a Platt calibrator fitted on the validation window's scores, then the decision threshold that
 * maximises validation accuracy of the calibrated probabilities. The test window is never seen here.
 */
public final class ModelSelection {
    public static final List<String> ALGORITHMS =
            List.of("majority-class", "logistic-regression", "gradient-boosted-trees");

    private ModelSelection() {
    }

    /** The hyper-parameter candidates. */
    public record Grid(List<Double> l2, List<BoostedTrees.Params> boosting) {
        public static Grid standard() {
            return new Grid(List.of(1e-4, 1e-3, 1e-2, 1e-1), List.of(
                    new BoostedTrees.Params(600, 3, 0.05, 5, 1, 0.8, 7),
                    new BoostedTrees.Params(600, 4, 0.05, 5, 1, 0.8, 7),
                    new BoostedTrees.Params(600, 5, 0.05, 10, 1, 0.8, 7),
                    new BoostedTrees.Params(300, 4, 0.1, 5, 1, 0.8, 7)));
        }

        /** A smaller grid for large inputs and quick runs. */
        public static Grid small() {
            return new Grid(List.of(1e-3), List.of(new BoostedTrees.Params(300, 4, 0.1, 10, 1, 0.8, 7)));
        }
    }

    /** A trained, calibrated model and its threshold. */
    public record Fitted(Classifier raw, Classifier calibrated, double threshold, BinaryMetrics validation) {
    }

    public static Fitted fit(String algorithm, FeatureTable train, FeatureTable validation, Grid grid) {
        if (validation.rows() == 0) {
            throw new IllegalArgumentException("the validation window has no plays");
        }
        Classifier raw = switch (algorithm) {
            case "majority-class" -> MajorityClass.fit(train);
            case "logistic-regression" -> bestLogistic(train, validation, grid);
            case "gradient-boosted-trees" -> bestBoosted(train, validation, grid);
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'; known: " + ALGORITHMS);
        };
        Classifier calibrated = raw instanceof MajorityClass ? raw
                : new CalibratedClassifier(raw, PlattScaling.fit(predict(raw, validation), validation.completed()));
        double[] p = predict(calibrated, validation);
        double threshold = raw instanceof MajorityClass ? 0.5 : BinaryMetrics.bestAccuracyThreshold(p, validation.completed());
        return new Fitted(raw, calibrated, threshold, BinaryMetrics.of(p, validation.completed(), threshold));
    }

    private static Classifier bestLogistic(FeatureTable train, FeatureTable validation, Grid grid) {
        Classifier best = null;
        double bestAuc = -1;
        for (double l2 : grid.l2()) {
            LogisticRegression model = LogisticRegression.fit(train, l2, true);
            double auc = BinaryMetrics.auc(predict(model, validation), validation.completed());
            if (auc > bestAuc) {
                bestAuc = auc;
                best = model;
            }
        }
        return best;
    }

    private static Classifier bestBoosted(FeatureTable train, FeatureTable validation, Grid grid) {
        Classifier best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (BoostedTrees.Params params : grid.boosting()) {
            BoostedTrees model = BoostedTrees.fit(train, validation, params);
            double loss = BinaryMetrics.of(predict(model, validation), validation.completed(), 0.5).logLoss();
            if (loss < bestLoss) {
                bestLoss = loss;
                best = model;
            }
        }
        return best;
    }

    public static double[] predict(Classifier model, FeatureTable table) {
        double[] p = new double[table.rows()];
        double[] x = table.x();
        int d = table.columns();
        for (int r = 0; r < p.length; r++) {
            p[r] = model.probability(x, r * d);
        }
        return p;
    }
}
