package io.setlist.scheduler.predictions;

import io.setlist.sql.completion.FeatureSnapshot;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.completion.PlayFeatureSource;

import javax.sql.DataSource;
import java.util.Locale;

/**
 * Where the synchronous predictions' feature rows come from ({@code SETLIST_PREDICTION_FEATURES}); both give the
 * same rows, bit for bit.
 */
public enum PredictionFeatures {
    /** The online feature store: the window's events in memory, brought forward as events are imported. */
    STORE,
    /** The window path: each request replays its users' and artists' events of the window in SQL (the baseline). */
    WINDOW;

    /** Days the store holds before the latest day's window, so that plays of the last week are served from memory too. */
    public static final int STORE_EXTRA_DAYS = 7;

    /** The feature source of this kind over {@code warehouse}; a store is built on its first request. */
    public PlayFeatureSource open(DataSource warehouse) {
        return this == STORE
                ? new FeatureStore(warehouse, CompletionModels.HISTORY_DAYS, STORE_EXTRA_DAYS)
                : new FeatureSnapshot(warehouse, CompletionModels.HISTORY_DAYS);
    }

    /** {@code store} or {@code window}, any case. */
    public static PredictionFeatures parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "store" -> STORE;
            case "window" -> WINDOW;
            default -> throw new IllegalArgumentException("expected store or window, got '" + s + "'");
        };
    }
}
