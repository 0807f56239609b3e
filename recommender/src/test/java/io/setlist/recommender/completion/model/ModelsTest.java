package io.setlist.recommender.completion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.setlist.recommender.completion.FeatureTable;
import org.junit.jupiter.api.Test;

class ModelsTest {
    private static final FeatureTable TRAIN = SyntheticTables.draw(6_000, 1);
    private static final FeatureTable VALIDATION = SyntheticTables.draw(3_000, 2);
    private static final FeatureTable TEST = SyntheticTables.draw(3_000, 3);

    private static double auc(Classifier model) {
        return BinaryMetrics.auc(ModelSelection.predict(model, TEST), TEST.completed());
    }

    @Test
    void logisticRegressionFindsTheLinearSignalAndIgnoresNoise() {
        LogisticRegression lr = LogisticRegression.fit(TRAIN, 1e-3, false);
        double[] w = lr.weights();
        assertThat(w[0]).isGreaterThan(0.5);
        assertThat(w[1]).isLessThan(-0.3);
        assertThat(Math.abs(w[4])).isLessThan(0.1);
        assertThat(auc(lr)).isGreaterThan(0.7);
    }

    @Test
    void boostedTreesAlsoLearnTheInteractionALinearModelCannot() {
        double linear = auc(LogisticRegression.fit(TRAIN, 1e-3, false));
        BoostedTrees trees = BoostedTrees.fit(TRAIN, VALIDATION, new BoostedTrees.Params(300, 3, 0.1, 5, 1, 0.8, 7));
        assertThat(trees.trees()).isBetween(5, 300);
        assertThat(auc(trees)).isGreaterThan(linear + 0.05);
    }

    @Test
    void calibrationOnValidationImprovesHeldOutLogLossOfAClassWeightedModel() {
        // Balanced class weights push scores toward 0.5 for the majority: biased probabilities.
        FeatureTable train = SyntheticTables.draw(6_000, 11, 1.5);
        FeatureTable validation = SyntheticTables.draw(3_000, 12, 1.5);
        FeatureTable test = SyntheticTables.draw(3_000, 13, 1.5);
        assertThat(train.completionRate()).isGreaterThan(0.75);
        LogisticRegression weighted = LogisticRegression.fit(train, 1e-3, true);
        double[] validationScores = ModelSelection.predict(weighted, validation);
        double raw = BinaryMetrics.of(ModelSelection.predict(weighted, test), test.completed(), 0.5).logLoss();
        Classifier platt = new CalibratedClassifier(weighted, PlattScaling.fit(validationScores, validation.completed()));
        Classifier isotonic = new CalibratedClassifier(weighted,
                IsotonicCalibration.fit(validationScores, validation.completed()));
        double plattLoss = BinaryMetrics.of(ModelSelection.predict(platt, test), test.completed(), 0.5).logLoss();
        double isotonicLoss = BinaryMetrics.of(ModelSelection.predict(isotonic, test), test.completed(), 0.5).logLoss();
        assertThat(plattLoss).isLessThan(raw - 0.02);
        assertThat(isotonicLoss).isLessThan(raw - 0.02);
    }

    @Test
    void everyModelSurvivesTheRegistryBytesUnchanged() {
        ModelSelection.Grid grid = ModelSelection.Grid.small();
        for (String algorithm : ModelSelection.ALGORITHMS) {
            Classifier model = ModelSelection.fit(algorithm, TRAIN, VALIDATION, grid).calibrated();
            Classifier back = ModelCodec.fromBytes(ModelCodec.toBytes(model));
            assertThat(back.algorithm()).isEqualTo(model.algorithm());
            assertThat(back.parameters()).isEqualTo(model.parameters());
            assertThat(ModelSelection.predict(back, TEST)).containsExactly(ModelSelection.predict(model, TEST));
        }
        Classifier iso = new CalibratedClassifier(new MajorityClass(0.6),
                IsotonicCalibration.fit(new double[] {0.1, 0.9}, new byte[] {0, 1}));
        assertThat(ModelCodec.fromBytes(ModelCodec.toBytes(iso)).probability(new double[5], 0))
                .isEqualTo(iso.probability(new double[5], 0));
    }

    @Test
    void metricsOnAHandCheckedExample() {
        double[] p = {0.9, 0.8, 0.4, 0.3, 0.8};
        byte[] y = {1, 0, 1, 0, 1};
        BinaryMetrics m = BinaryMetrics.of(p, y, 0.5);
        // Pairs (pos, neg): (0.9,0.8)=1 (0.9,0.3)=1 (0.4,0.8)=0 (0.4,0.3)=1 (0.8,0.8)=0.5 (0.8,0.3)=1 → 4.5/6
        assertThat(m.auc()).isCloseTo(0.75, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(0.6, within(1e-12));
        assertThat(m.balancedAccuracy()).isCloseTo((2.0 / 3 + 0.5) / 2, within(1e-12));
        assertThat(m.brier()).isCloseTo((0.01 + 0.64 + 0.36 + 0.09 + 0.04) / 5, within(1e-12));
        assertThat(m.calibration()).hasSize(4);
        assertThat(BinaryMetrics.bestAccuracyThreshold(p, y)).isBetween(0.31, 0.4);
    }
}
