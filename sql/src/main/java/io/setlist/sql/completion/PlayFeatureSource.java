package io.setlist.sql.completion;

import java.util.List;

/**
 * Completion feature rows of plays that may happen, equal bit for bit to the daily replay's rows for a PLAY at that
 * moment: computed per request from the warehouse ({@link FeatureSnapshot}) or served from memory
 * ({@link FeatureStore}).
 */
public interface PlayFeatureSource {
    /** One row of {@code PlayFeatures.NAMES} per play, row-major, in the order given. */
    double[] features(List<FeatureSnapshot.Play> plays);
}
