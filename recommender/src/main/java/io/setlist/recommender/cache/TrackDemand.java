package io.setlist.recommender.cache;

/**
 * Forecast demand for one track.
 *
 * @param expectedPlays         plays expected in the planning window, ≥ 0
 * @param completionProbability probability a play runs to the end, in [0, 1]
 * @param sizeBytes             size of the cached object, > 0
 * @param dailyCost             what storing it costs per day, ≥ 0, or NaN when unknown
 */
public record TrackDemand(int trackId, double expectedPlays, double completionProbability, long sizeBytes,
                          double dailyCost) {

    /** A track whose daily cost is unknown. */
    public TrackDemand(int trackId, double expectedPlays, double completionProbability, long sizeBytes) {
        this(trackId, expectedPlays, completionProbability, sizeBytes, Double.NaN);
    }

    public TrackDemand {
        if (!(expectedPlays >= 0.0) || Double.isInfinite(expectedPlays)) {
            throw new IllegalArgumentException("expectedPlays must be finite and >= 0, got " + expectedPlays);
        }
        if (!(completionProbability >= 0.0 && completionProbability <= 1.0)) {
            throw new IllegalArgumentException("completionProbability must be in [0, 1], got " + completionProbability);
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("sizeBytes must be > 0, got " + sizeBytes);
        }
        if (dailyCost < 0 || Double.isInfinite(dailyCost)) {
            throw new IllegalArgumentException("dailyCost must be finite and >= 0 or NaN (unknown), got " + dailyCost);
        }
    }
}
