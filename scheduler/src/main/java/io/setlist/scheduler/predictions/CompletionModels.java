package io.setlist.scheduler.predictions;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.recommender.completion.model.BinaryMetrics;
import io.setlist.recommender.completion.model.Classifier;
import io.setlist.recommender.completion.model.ModelCodec;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.recommender.completion.model.TemporalEvaluation;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.models.ModelRegistry;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Trains completion models on the warehouse and keeps them in the registry, and loads the champion for serving.
 *
 * <p>Training for a business date D replays the {@value #HISTORY_DAYS} days up to the end of D; the last
 * {@value #TEST_DAYS} days are the evaluation window, the {@value #VALIDATION_DAYS} before them tune and
 * calibrate, the rest trains. The current champion is scored on exactly the same evaluation rows, and the
 * registry promotes the challenger only if it does better there.
 */
public final class CompletionModels {
    public static final String NAME = "completion";
    /** Days of events replayed to build features, for training and for scoring alike. */
    public static final int HISTORY_DAYS = 90;
    static final int VALIDATION_DAYS = 7;
    static final int TEST_DAYS = 7;
    private static final long DAY_MS = 86_400_000L;

    private final DataSource warehouse;
    private final ModelRegistry registry;

    public CompletionModels(DataSource warehouse) {
        this.warehouse = warehouse;
        this.registry = new ModelRegistry(warehouse);
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** A model ready to score rows built by {@link PlayFeatures}. */
    public record Loaded(String name, int version, Classifier model, double threshold) {
    }

    /** What a training run did. */
    public record Trained(ModelRegistry.Registration registration, String algorithm, String parameters,
                          BinaryMetrics metrics, Double championLogLoss, TemporalEvaluation.Windows windows,
                          int trainRows, int validationRows) {
    }

    public Trained train(LocalDate date, String algorithm, String changelog, ModelSelection.Grid grid) {
        Instant end = date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long to = end.toEpochMilli();
        TemporalEvaluation.Windows w = new TemporalEvaluation.Windows(to - HISTORY_DAYS * DAY_MS,
                to - (VALIDATION_DAYS + TEST_DAYS) * DAY_MS, to - TEST_DAYS * DAY_MS, to);
        ListeningData data = new WarehouseListening(warehouse).read(Instant.ofEpochMilli(w.trainFrom()), end);
        FeatureTable all = data.features();
        FeatureTable train = all.between(w.trainFrom(), w.validationFrom());
        FeatureTable validation = all.between(w.validationFrom(), w.testFrom());
        FeatureTable test = all.between(w.testFrom(), w.to());
        if (train.rows() == 0 || validation.rows() == 0 || test.rows() == 0) {
            throw new IllegalStateException(String.format("not enough plays to train for %s: train %d, validation %d, "
                    + "evaluation %d rows (%s)", date, train.rows(), validation.rows(), test.rows(), w));
        }
        ModelSelection.Fitted fitted = ModelSelection.fit(algorithm, train, validation, grid);
        BinaryMetrics metrics = BinaryMetrics.of(ModelSelection.predict(fitted.calibrated(), test), test.completed(),
                fitted.threshold());
        Optional<ModelRegistry.ChampionScore> championScore = champion().map(c -> new ModelRegistry.ChampionScore(
                c.version(), BinaryMetrics.of(ModelSelection.predict(c.model(), test), test.completed(), c.threshold())
                        .logLoss()));
        String line = changelog != null && !changelog.isBlank() ? changelog
                : "trained " + algorithm + " for " + date + " on " + train.rows() + " plays";
        ModelRegistry.Registration registration = registry.register(new ModelRegistry.NewVersion(NAME, algorithm,
                fitted.calibrated().parameters(), Arrays.asList(PlayFeatures.NAMES), Instant.ofEpochMilli(w.trainFrom()),
                Instant.ofEpochMilli(w.validationFrom()), Instant.ofEpochMilli(w.testFrom()), end, fitted.threshold(),
                new ModelRegistry.Metrics(test.rows(), metrics.accuracy(), metrics.balancedAccuracy(), metrics.auc(),
                        metrics.logLoss(), metrics.brier()), line, ModelCodec.toBytes(fitted.calibrated())),
                championScore);
        return new Trained(registration, algorithm, fitted.calibrated().parameters(), metrics,
                championScore.map(ModelRegistry.ChampionScore::logLoss).orElse(null), w, train.rows(), validation.rows());
    }

    /**
     * Trains {@code algorithm} on the small grid for {@code date} when there is no servable champion (a fresh
     * warehouse: the demo and the benchmarks need one to serve predictions); empty when there is one.
     */
    public Optional<Trained> trainIfNoChampion(LocalDate date, String algorithm, String changelog) {
        return champion().isPresent() ? Optional.empty()
                : Optional.of(train(date, algorithm, changelog, ModelSelection.Grid.small()));
    }

    /** The champion, if there is one whose features match this build's {@link PlayFeatures#NAMES}. */
    public Optional<Loaded> champion() {
        return registry.champion(NAME).flatMap(v -> load(NAME, v));
    }

    /** A version, if it exists and was trained on this build's features. */
    public Optional<Loaded> load(String name, int version) {
        return registry.version(name, version)
                .filter(v -> v.featureNames().equals(Arrays.asList(PlayFeatures.NAMES)))
                .flatMap(v -> registry.modelBytes(name, version)
                        .map(bytes -> new Loaded(name, version, ModelCodec.fromBytes(bytes), v.threshold())));
    }
}
