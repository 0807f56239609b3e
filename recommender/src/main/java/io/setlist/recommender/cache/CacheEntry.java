package io.setlist.recommender.cache;

/**
 * A track placed in a tier.
 *
 * @param rank              1-based position within its tier, in placement (= priority) order
 * @param probability       the completion probability used
 * @param expectedFullPlays expected plays × completion probability
 * @param priority          expected full plays per MiB, or per unit of daily cost (see {@link CachePlan.Priority})
 */
public record CacheEntry(int trackId, int rank, double probability, double expectedFullPlays, long sizeBytes,
                         double priority) {
}
