package io.setlist.recommender.ranking;

import java.util.Arrays;

/**
 * A user's recommended artists, best first, as external ids.
 *
 * <p>Scores are non-increasing. They are only comparable within one list: neighbour scores are sums of
 * similarity × weight, segment scores are listener shares, and items filled in from a fallback are
 * capped at the score before them so the order stays visible in the numbers.
 *
 * <p>Arrays are owned by the record; equality is by reference as for any record with arrays.
 */
public record RankedItems(int userId, int[] artistIds, float[] scores, Source source) {

    public RankedItems {
        if (artistIds.length != scores.length) {
            throw new IllegalArgumentException("artistIds and scores differ in length: "
                    + artistIds.length + " != " + scores.length);
        }
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }

    public int size() {
        return artistIds.length;
    }

    @Override
    public String toString() {
        return "RankedItems[userId=" + userId + ", source=" + source.label()
                + ", artistIds=" + Arrays.toString(artistIds) + ", scores=" + Arrays.toString(scores) + "]";
    }
}
