package io.setlist.scheduler.dashboard;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.model.BinaryMetrics;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.recommender.completion.model.RocCurve;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.models.ModelRegistry;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calibration (predicted vs observed per probability decile) and the ROC curve of a registered model version, on
 * the evaluation window its registry metrics came from: the version's own rows, re-read from the warehouse and
 * scored again with the stored model.
 *
 * <p>Cost: the replay of {@value CompletionModels#HISTORY_DAYS} days of events that training made, once per
 * version; a version never changes (model bytes and window are fixed), so the answer is kept for the life of the
 * process, and computed by one caller at a time. Callers ask for two versions at most (champion and newest
 * challenger): on the 50M-event warehouse a replay is about what the completion stage spends on it (README).
 */
public final class ModelDiagnostics {
    static final int ROC_POINTS = 101;

    private final DataSource warehouse;
    private final CompletionModels models;
    private final Map<String, Curves> computed = new ConcurrentHashMap<>();

    public ModelDiagnostics(DataSource warehouse) {
        this.warehouse = warehouse;
        this.models = new CompletionModels(warehouse);
    }

    /** A version's curves; {@code fpr}/{@code tpr} empty when its window held one class only. */
    public record Curves(String name, int version, int rows, double auc, double threshold,
                         List<BinaryMetrics.CalibrationBin> calibration, double[] fpr, double[] tpr) {
    }

    /** Empty when the version's model was trained on other features than this build's, or its window is empty. */
    public Optional<Curves> of(ModelRegistry.Version version) {
        String key = version.name() + "#" + version.version();
        Curves known = computed.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        return compute(version, key);
    }

    /** One replay at a time: two panels opened together must not replay the warehouse twice over. */
    private synchronized Optional<Curves> compute(ModelRegistry.Version version, String key) {
        Curves known = computed.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CompletionModels.Loaded> loaded = models.load(version.name(), version.version());
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        Instant evalTo = version.evalTo();
        FeatureTable window = new WarehouseListening(warehouse)
                .read(evalTo.minusSeconds(CompletionModels.HISTORY_DAYS * 86_400L), evalTo).features()
                .between(version.evalFrom().toEpochMilli(), evalTo.toEpochMilli());
        if (window.rows() == 0) {
            return Optional.empty();
        }
        double[] p = ModelSelection.predict(loaded.get().model(), window);
        BinaryMetrics metrics = BinaryMetrics.of(p, window.completed(), loaded.get().threshold());
        RocCurve.Points roc = RocCurve.of(p, window.completed(), ROC_POINTS);
        Curves curves = new Curves(version.name(), version.version(), window.rows(), metrics.auc(),
                loaded.get().threshold(), metrics.calibration(), roc.fpr(), roc.tpr());
        computed.put(key, curves);
        return Optional.of(curves);
    }
}
