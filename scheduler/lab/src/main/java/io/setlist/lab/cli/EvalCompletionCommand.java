package io.setlist.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.BinaryMetrics;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.recommender.completion.model.TemporalEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Train and evaluate the completion models in time order: train on the earlier days, tune on a "
                + "validation window, report on the last window, plus rolling-origin cross-validation.")
final class EvalCompletionCommand implements Callable<Integer> {
    @Mixin
    EvalSource source;

    @Option(names = "--validation-days", defaultValue = "14", description = "Validation window (default: ${DEFAULT-VALUE}).")
    int validationDays;

    @Option(names = "--test-days", defaultValue = "14", description = "Test window (default: ${DEFAULT-VALUE}).")
    int testDays;

    @Option(names = "--folds", defaultValue = "4", description = "Rolling-origin folds, the windows before the test window (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--grid", defaultValue = "standard", description = "standard | small hyper-parameter grid (default: ${DEFAULT-VALUE}).")
    String grid;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ListeningData data = source.read();
        FeatureTable features = data.features();
        ModelSelection.Grid candidates = switch (grid) {
            case "standard" -> ModelSelection.Grid.standard();
            case "small" -> ModelSelection.Grid.small();
            default -> throw new IllegalArgumentException("--grid must be standard or small, got '" + grid + "'");
        };
        TemporalEvaluation.Report report = TemporalEvaluation.evaluate(features, validationDays, testDays, folds,
                candidates);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (source.json()) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        }
        System.out.printf("%s: %,d events, %,d plays (%.2f%% completed), %d features; %s%n", data.source(),
                data.log().size(), features.rows(), 100 * features.completionRate(), features.columns(),
                report.windows());
        System.out.printf("rows: train %,d  validation %,d  test %,d; rolling-origin folds: %d; %.1f s%n%n",
                report.trainRows(), report.validationRows(), report.testRows(), report.folds(), seconds);
        System.out.printf("%-24s %9s %9s %8s %9s %8s %9s %14s %12s%n", "model (test window)", "accuracy", "bal.acc",
                "AUC", "log-loss", "Brier", "threshold", "CV accuracy", "CV AUC");
        for (TemporalEvaluation.ModelResult m : report.models()) {
            BinaryMetrics t = m.test();
            System.out.printf("%-24s %8.2f%% %8.2f%% %8.4f %9.4f %8.4f %9.2f %8.2f±%.2f%% %12.4f%n", m.algorithm(),
                    100 * t.accuracy(), 100 * t.balancedAccuracy(), t.auc(), t.logLoss(), t.brier(), m.threshold(),
                    100 * m.meanFoldAccuracy(), 100 * m.sdFoldAccuracy(), m.meanFoldAuc());
        }
        System.out.println();
        for (TemporalEvaluation.ModelResult m : report.models()) {
            System.out.printf("%s: %s; test log-loss before calibration %.4f, after %.4f%n", m.algorithm(),
                    m.parameters(), m.uncalibratedTestLogLoss(), m.test().logLoss());
            System.out.printf("  %-11s %7s %10s %9s%n", "P(complete)", "plays", "predicted", "observed");
            for (BinaryMetrics.CalibrationBin b : m.test().calibration()) {
                System.out.printf("  %.1f-%.1f     %7d %9.3f %9.3f%n", b.from(), b.to(), b.rows(), b.meanPredicted(),
                        b.observedRate());
            }
        }
        return 0;
    }
}
