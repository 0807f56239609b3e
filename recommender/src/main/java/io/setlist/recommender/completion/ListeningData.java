package io.setlist.recommender.completion;

/**
 * A source's events, catalogue and listeners, with the external ids of the dense indexes.
 *
 * @param trackKeys external track id of each track index
 * @param userKeys  external user id of each user index
 */
public record ListeningData(String source, ListeningLog log, TrackCatalog catalog, Listeners listeners,
                            String[] trackKeys, String[] userKeys) {

    public FeatureTable features() {
        return PlayFeatures.build(log, catalog, listeners);
    }
}
