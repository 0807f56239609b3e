package io.setlist.recommender.cache;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tracks to pre-load into which cache tier.
 *
 * <p>Only <em>full</em> plays are worth caching for: a play that is skipped after a few seconds is served
 * from the first bytes, which every tier handles anyway. So the value of caching a track is
 * {@code expectedFullPlays = expectedPlays × completionProbability}, and since capacity is bytes, the
 * priority is value per byte, reported per MiB ({@code expectedFullPlays / (sizeBytes / 2^20)}) to keep
 * the numbers readable; scaling does not change the order.
 *
 * <p>Tracks are taken in priority order (ties: lower track id) and each goes to the <em>first</em> tier,
 * fastest first, that still has room. A track that fits nowhere is skipped and the fill continues, so
 * smaller tracks further down can still use leftover space. This is the density greedy for knapsack:
 * optimal for the fractional problem and close to optimal when tracks are small relative to tiers.
 * Tracks with zero expected full plays are never cached: they would cost a transfer and earn nothing.
 */
public final class CachePlan {

    /** Bytes per MiB, the unit of {@link CacheEntry#priority()}. */
    public static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final Map<String, List<CacheEntry>> entriesByTier;
    private final Map<String, Long> usedByTier;

    private CachePlan(Map<String, List<CacheEntry>> entriesByTier, Map<String, Long> usedByTier) {
        this.entriesByTier = entriesByTier;
        this.usedByTier = usedByTier;
    }

    /** What a track's expected full plays are divided by to rank it. */
    public enum Priority {
        /** Per MiB of the track: the capacity is bytes, so this is the knapsack density. */
        PER_BYTE,
        /**
         * Per unit of the track's daily storage cost ({@code SETLIST_CACHE_COST}): where a cached byte costs
         * different amounts for different tracks. A track of unknown cost is charged its size times the mean cost per
         * byte of the tracks whose cost is known (none known: 1 per MiB, i.e. the per-byte order); a track of cost
         * 0 ranks first. Tiers still hold bytes: the fill is unchanged.
         */
        PER_DAILY_COST
    }

    /** {@link #plan(List, List, Priority)} by {@link Priority#PER_BYTE}. */
    public static CachePlan plan(List<TrackDemand> demand, List<CacheTier> tiersFastestFirst) {
        return plan(demand, tiersFastestFirst, Priority.PER_BYTE);
    }

    /**
     * @param demand            one entry per track (track ids unique)
     * @param tiersFastestFirst tiers with unique names, fastest first
     * @param by                what expected full plays are divided by
     */
    public static CachePlan plan(List<TrackDemand> demand, List<CacheTier> tiersFastestFirst, Priority by) {
        int tiers = tiersFastestFirst.size();
        long[] free = new long[tiers];
        Map<String, List<CacheEntry>> entriesByTier = new LinkedHashMap<>();
        for (int t = 0; t < tiers; t++) {
            CacheTier tier = tiersFastestFirst.get(t);
            if (entriesByTier.put(tier.name(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("duplicate tier name " + tier.name());
            }
            free[t] = tier.capacityBytes();
        }

        int n = demand.size();
        double[] fullPlays = new double[n];
        double[] priority = new double[n];
        int[] trackIds = new int[n];
        int[] order = new int[n];
        IntOpenHashSet seen = new IntOpenHashSet(n);
        double costPerMib = by == Priority.PER_DAILY_COST ? meanCostPerMib(demand) : 1;
        int candidates = 0;
        for (int i = 0; i < n; i++) {
            TrackDemand d = demand.get(i);
            if (!seen.add(d.trackId())) {
                throw new IllegalArgumentException("duplicate track id " + d.trackId());
            }
            trackIds[i] = d.trackId();
            fullPlays[i] = d.expectedPlays() * d.completionProbability();
            double mib = d.sizeBytes() / BYTES_PER_MIB;
            double divisor = by == Priority.PER_BYTE ? mib : Double.isNaN(d.dailyCost()) ? mib * costPerMib
                    : d.dailyCost();
            priority[i] = divisor > 0 ? fullPlays[i] / divisor : Double.POSITIVE_INFINITY;
            if (fullPlays[i] > 0.0) {
                order[candidates++] = i;
            }
        }
        IntArrays.quickSort(order, 0, candidates, (a, b) -> {
            int byPriority = Double.compare(priority[b], priority[a]);
            return byPriority != 0 ? byPriority : Integer.compare(trackIds[a], trackIds[b]);
        });

        for (int c = 0; c < candidates; c++) {
            int i = order[c];
            TrackDemand d = demand.get(i);
            for (int t = 0; t < tiers; t++) {
                if (d.sizeBytes() <= free[t]) {
                    free[t] -= d.sizeBytes();
                    List<CacheEntry> entries = entriesByTier.get(tiersFastestFirst.get(t).name());
                    entries.add(new CacheEntry(d.trackId(), entries.size() + 1, d.completionProbability(),
                            fullPlays[i], d.sizeBytes(), priority[i]));
                    break;
                }
            }
        }

        Map<String, Long> usedByTier = new LinkedHashMap<>();
        for (int t = 0; t < tiers; t++) {
            CacheTier tier = tiersFastestFirst.get(t);
            usedByTier.put(tier.name(), tier.capacityBytes() - free[t]);
            entriesByTier.put(tier.name(), Collections.unmodifiableList(entriesByTier.get(tier.name())));
        }
        return new CachePlan(entriesByTier, usedByTier);
    }

    /** Σ known costs / Σ their tracks' MiB; 1 when no cost is known. */
    private static double meanCostPerMib(List<TrackDemand> demand) {
        double cost = 0;
        double mib = 0;
        for (TrackDemand d : demand) {
            if (!Double.isNaN(d.dailyCost())) {
                cost += d.dailyCost();
                mib += d.sizeBytes() / BYTES_PER_MIB;
            }
        }
        return mib > 0 ? cost / mib : 1;
    }

    /** Tier names, fastest first. */
    public List<String> tierNames() {
        return List.copyOf(entriesByTier.keySet());
    }

    /** Entries of a tier by rank 1..n; empty for an unknown tier. */
    public List<CacheEntry> entries(String tier) {
        return entriesByTier.getOrDefault(tier, List.of());
    }

    /** Bytes used in a tier; 0 for an unknown tier. */
    public long usedBytes(String tier) {
        return usedByTier.getOrDefault(tier, 0L);
    }
}
