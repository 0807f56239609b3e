package io.setlist.scheduler.predictions;

import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.sql.completion.FeatureSnapshot;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.predictions.PredictionLog;
import io.setlist.sql.predictions.ServingSnapshot;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves completion predictions: resolves the keys, builds each play's features as known at its time (a
 * {@link PlayFeatureSource}: the online {@code FeatureStore} or the window path {@link FeatureSnapshot}, both the
 * same features the models were trained on, bit for bit), scores them with the chosen version,
 * and logs every prediction to {@code prediction_log} in one statement, committed before answering.
 *
 * <p><b>Round trips.</b> A request reads its keys, the champion and challenger versions and the latest event in one
 * statement ({@link ServingSnapshot}), fresh on every request (so a promotion on any node, a newly imported key or
 * event is seen by the next request), then writes the log in one more. Loading a version's bytes happens once per
 * version: a registered version never changes.
 */
public final class CompletionPredictions {
    public static final int MAX_BATCH = 1000;

    private final CompletionModels models;
    private final PlayFeatureSource features;
    private final DataSource warehouse;
    private final PredictionLog log;
    private final VariantSplit split;
    /** Versions never change once registered, so a loaded one is kept. */
    private final Map<String, CompletionModels.Loaded> loaded = new ConcurrentHashMap<>();

    /** Features from a feature store of its own (the default, {@link PredictionFeatures#STORE}). */
    public CompletionPredictions(DataSource warehouse, VariantSplit split) {
        this(warehouse, split, PredictionFeatures.STORE.open(warehouse));
    }

    /** Features from {@code features}, which several instances (the API's and the workers') may share. */
    public CompletionPredictions(DataSource warehouse, VariantSplit split, PlayFeatureSource features) {
        this.models = new CompletionModels(warehouse);
        this.features = features;
        this.warehouse = warehouse;
        this.log = new PredictionLog(warehouse);
        this.split = split;
    }

    /** A play to score: external user and track keys, and when it would start. */
    public record Request(String userKey, String trackKey, Instant ts) {
    }

    /** A scored play; {@code variant} is null when the caller named the model. */
    public record Prediction(Request request, String variant, int version, double probability, UUID trackingId) {
    }

    /** An item of the batch that names a user or track the warehouse does not know. */
    public static final class UnknownKey extends RuntimeException {
        private final int index;
        private final String field;

        UnknownKey(int index, String field, String message) {
            super(message, null, false, false);
            this.index = index;
            this.field = field;
        }

        public int index() {
            return index;
        }

        public String field() {
            return field;
        }
    }

    /** The model that served a batch and its predictions. */
    public record Served(CompletionModels.Loaded model, List<Prediction> predictions) {
    }

    /** The model's champion, if it has one this build can serve (a registry read of its own). */
    public Optional<CompletionModels.Loaded> champion(String name) {
        return models.registry().champion(name).flatMap(v -> version(name, v));
    }

    /** Scores the batch with {@code model} (its champion, say), logged without a variant. */
    public List<Prediction> score(CompletionModels.Loaded model, List<Request> batch) {
        return score(batch, snapshot(model.name(), batch), model);
    }

    /**
     * Scores the batch with the champion of {@code name}, logged without a variant: the champion is read in the
     * same statement as the keys (one round trip before the log's).
     *
     * @return empty when the model has no champion this build can serve (whatever the keys)
     * @throws UnknownKey for the first item naming an unknown user or track
     */
    public Optional<Served> scoreChampion(String name, List<Request> batch) {
        ServingSnapshot snapshot = snapshot(name, batch);
        Optional<CompletionModels.Loaded> champion = version(name, snapshot.champion());
        return champion.map(m -> new Served(m, score(batch, snapshot, m)));
    }

    private List<Prediction> score(List<Request> batch, ServingSnapshot snapshot, CompletionModels.Loaded model) {
        List<CompletionModels.Loaded> byItem = new ArrayList<>(batch.size());
        batch.forEach(r -> byItem.add(model));
        return score(batch, snapshot, byItem, null, null);
    }

    /**
     * Scores each user's play with the version of the variant the split assigns the user to. A variant that has no
     * servable version (no challenger yet, a missing vN) is served by the champion and logged as {@code champion}.
     *
     * @return empty when the model has no champion
     */
    public Optional<List<Prediction>> experiment(List<Request> batch) {
        return experiment(batch, null);
    }

    /**
     * As {@link #experiment(List)}, logging the predictions on {@code logIn} (inside its open transaction) instead
     * of on a connection of its own: the queue's workers commit the log and the request's result together.
     */
    public Optional<List<Prediction>> experiment(List<Request> batch, java.sql.Connection logIn) {
        String name = CompletionModels.NAME;
        ServingSnapshot snapshot = snapshot(name, batch);
        Optional<CompletionModels.Loaded> champion = version(name, snapshot.champion());
        if (champion.isEmpty()) {
            return Optional.empty();
        }
        Map<String, CompletionModels.Loaded> variants = new HashMap<>();
        for (VariantSplit.Share share : split.shares()) {
            resolve(name, share.variant(), champion.get(), snapshot.challenger())
                    .ifPresent(m -> variants.put(share.variant(), m));
        }
        List<CompletionModels.Loaded> byItem = new ArrayList<>(batch.size());
        List<String> variantOf = new ArrayList<>(batch.size());
        for (Request r : batch) {
            String variant = split.assign(r.userKey());
            CompletionModels.Loaded m = variants.get(variant);
            if (m == null) {
                variant = "champion";
                m = champion.get();
            }
            byItem.add(m);
            variantOf.add(variant);
        }
        return Optional.of(score(batch, snapshot, byItem, variantOf, logIn));
    }

    /** The request's keys, versions and latest event, in one round trip. */
    private ServingSnapshot snapshot(String name, List<Request> batch) {
        Set<String> userKeys = new LinkedHashSet<>();
        Set<String> trackKeys = new LinkedHashSet<>();
        batch.forEach(r -> {
            userKeys.add(r.userKey());
            trackKeys.add(r.trackKey());
        });
        return ServingSnapshot.read(warehouse, name, List.of(PlayFeatures.NAMES), userKeys, trackKeys);
    }

    /**
     * A variant's version: {@code challenger} is the snapshot's (the newest non-champion version trained on this
     * build's features), {@code vN} version N.
     */
    private Optional<CompletionModels.Loaded> resolve(String name, String variant, CompletionModels.Loaded champion,
                                                      OptionalInt challenger) {
        if (variant.equals("champion")) {
            return Optional.of(champion);
        }
        if (variant.equals("challenger")) {
            return version(name, challenger);
        }
        return version(name, Integer.parseInt(variant.substring(1)));
    }

    private Optional<CompletionModels.Loaded> version(String name, OptionalInt version) {
        return version.isPresent() ? version(name, version.getAsInt()) : Optional.empty();
    }

    private Optional<CompletionModels.Loaded> version(String name, int version) {
        String key = name + "#" + version;
        CompletionModels.Loaded cached = loaded.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CompletionModels.Loaded> model = models.load(name, version);
        model.ifPresent(m -> loaded.put(key, m));
        return model;
    }

    private List<Prediction> score(List<Request> batch, ServingSnapshot snapshot, List<CompletionModels.Loaded> byItem,
                                   List<String> variants, java.sql.Connection logIn) {
        Object2IntOpenHashMap<String> users = snapshot.users();
        Object2IntOpenHashMap<String> tracks = snapshot.tracks();
        List<FeatureSnapshot.Play> plays = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Request r = batch.get(i);
            if (!users.containsKey(r.userKey())) {
                throw new UnknownKey(i, "userId", "item " + i + ": unknown user '" + r.userKey() + "'");
            }
            if (!tracks.containsKey(r.trackKey())) {
                throw new UnknownKey(i, "trackId", "item " + i + ": unknown track '" + r.trackKey() + "'");
            }
            plays.add(new FeatureSnapshot.Play(users.getInt(r.userKey()), tracks.getInt(r.trackKey()),
                    r.ts().toEpochMilli()));
        }
        double[] x = features.features(plays, snapshot.latestEvent());
        int d = PlayFeatures.NAMES.length;
        List<Prediction> out = new ArrayList<>(batch.size());
        List<PredictionLog.Entry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CompletionModels.Loaded m = byItem.get(i);
            Request r = batch.get(i);
            double p = m.model().probability(x, i * d);
            String variant = variants == null ? null : variants.get(i);
            Prediction prediction = new Prediction(r, variant, m.version(), p, UUID.randomUUID());
            out.add(prediction);
            entries.add(new PredictionLog.Entry(prediction.trackingId(), m.name(), m.version(), variant, r.userKey(),
                    r.trackKey(), Instant.ofEpochMilli(r.ts().toEpochMilli()), p, m.threshold()));
        }
        if (logIn == null) {
            log.append(entries);
        } else {
            PredictionLog.append(logIn, entries);
        }
        return out;
    }
}
