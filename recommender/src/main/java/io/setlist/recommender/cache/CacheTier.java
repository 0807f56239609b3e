package io.setlist.recommender.cache;

/** A cache level with a byte budget, e.g. "edge-ram" or "regional-ssd". */
public record CacheTier(String name, long capacityBytes) {

    public CacheTier {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tier name is required");
        }
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be >= 0, got " + capacityBytes);
        }
    }
}
