package io.setlist.recommender.completion;

/**
 * What is known about each user independent of time: whether they were premium when the log starts and their
 * favourite genres. Premium bought during the log is a BUY_PREMIUM event, not a profile flag: a profile that
 * says "premium" at the end of the period would leak the purchase into earlier plays.
 *
 * @param premiumAtStart   per user index
 * @param favouriteGenres  per user index, genre ids (empty when unknown)
 */
public record Listeners(boolean[] premiumAtStart, int[][] favouriteGenres) {

    public Listeners {
        if (premiumAtStart.length != favouriteGenres.length) {
            throw new IllegalArgumentException("premium and genre arrays differ in length");
        }
    }

    public int users() {
        return premiumAtStart.length;
    }
}
