package io.setlist.recommender.ranking;

/**
 * Hears how far {@link UserKnnRecommender#recommendAll} has got: phases {@code weights}, {@code neighbours} and
 * {@code ranking}, in that order, each with its unit count (users) and, at its end, its wall time.
 * {@link #advance} is called from worker threads; the other methods from the calling thread.
 */
public interface RecommendProgress {

    RecommendProgress NONE = new RecommendProgress() {
    };

    /** A phase starts; {@code units} is how many {@link #advance} units it will report in total. */
    default void started(String phase, long units) {
    }

    /** {@code units} more are done in the current phase. Must be thread-safe. */
    default void advance(long units) {
    }

    /** The current phase ended after {@code seconds} of wall time. */
    default void finished(String phase, double seconds) {
    }
}
