package io.setlist.sql.completion;

import java.util.List;
import java.util.Optional;

/**
 * Completion feature rows of plays that may happen, equal bit for bit to the daily replay's rows for a PLAY at that
 * moment: computed per request from the warehouse ({@link FeatureSnapshot}) or served from memory
 * ({@link FeatureStore}).
 */
public interface PlayFeatureSource {
    /** One row of {@code PlayFeatures.NAMES} per play, row-major, in the order given. */
    double[] features(List<FeatureSnapshot.Play> plays);

    /** Brings what it holds up to the events table (a store); nothing for a source that holds nothing. */
    default void refresh() {
    }

    /** Why it cannot serve fast yet (a store still being built), for {@code /health/ready}; empty when it can. */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    /**
     * As {@link #features(List)}, given the latest event ({@code {ts millis, event_id}}, or null when there are
     * none) the caller read at the start of the request, so that a source that follows the events (the
     * {@link FeatureStore}) need not read it again in a round trip of its own. A source that does not follow them
     * ignores it.
     */
    default double[] features(List<FeatureSnapshot.Play> plays, long[] latestEvent) {
        return features(plays);
    }
}
