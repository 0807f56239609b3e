package io.setlist.lab.replay;

import io.setlist.recommender.cache.CacheEntry;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.TrackDemand;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.TrackCatalog;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Replays the plays of a later window against caches of several sizes. Every PLAY requests its whole track;
 * a hit means the track was cached when the play started.
 * <ul>
 *   <li><b>byte hit rate</b>: bytes of requests served from the cache / bytes of all requests;</li>
 *   <li><b>full-play hit rate</b>: plays that ran to the end and hit / all plays that ran to the end (what the
 *       cache is for: a skipped play needs only its first bytes).</li>
 * </ul>
 * LRU, LFU and Bélády see the {@code historyDays} before the window first (warm-up, not scored). The Setlist plan
 * is rebuilt at the start of each day from the {@value #PLAN_DAYS} days before it, like the daily stage: expected
 * full plays (recency-weighted plays, half-life {@value #HALF_LIFE_DAYS} days, × P(complete)) per byte.
 * Capacities are shares of the window's working set (the bytes of the distinct tracks it requests).
 */
public final class CacheEvaluation {
    static final int PLAN_DAYS = 28;
    static final double HALF_LIFE_DAYS = 7;
    private static final long DAY_MS = 86_400_000L;

    private CacheEvaluation() {
    }

    /** One policy at one capacity. */
    public record Row(String policy, double capacityShare, long capacityBytes, long requests, double byteHitRate,
                      double fullPlayHitRate) {
    }

    public record Report(long windowFrom, long windowTo, long requests, long fullPlays, long workingSetBytes,
                         List<Row> rows) {
    }

    /**
     * @param plays        every play, in time order, with labels
     * @param playModel    P(complete) of each play from a model trained before the window, or null
     */
    public static Report evaluate(FeatureTable plays, TrackCatalog catalog, double[] playModel, int windowDays,
                                  int historyDays, double[] capacityShares) {
        long last = plays.ts()[plays.rows() - 1];
        long windowTo = (Math.floorDiv(last, DAY_MS) + 1) * DAY_MS;
        long windowFrom = windowTo - windowDays * DAY_MS;
        long replayFrom = windowFrom - historyDays * DAY_MS;
        int first = lowerBound(plays.ts(), replayFrom);
        int scoredFrom = lowerBound(plays.ts(), windowFrom);
        int n = plays.rows() - first;
        int[] tracks = new int[n];
        for (int i = 0; i < n; i++) {
            tracks[i] = plays.track()[first + i];
        }
        IntOpenHashSet distinct = new IntOpenHashSet();
        long workingSet = 0;
        long fullPlays = 0;
        for (int r = scoredFrom; r < plays.rows(); r++) {
            if (distinct.add(plays.track()[r])) {
                workingSet += catalog.sizeBytes(plays.track()[r]);
            }
            fullPlays += plays.completed()[r];
        }
        List<Row> rows = new ArrayList<>();
        for (double share : capacityShares) {
            long capacity = (long) (share * workingSet);
            List<CachePolicy> policies = new ArrayList<>();
            if (playModel != null) {
                policies.add(new DailyPlanCache("Setlist plan (model)",
                        plan(plays, catalog, playModel, capacity)));
            }
            policies.add(new DailyPlanCache("Setlist plan (rates)", plan(plays, catalog, null, capacity)));
            policies.add(new LruCache(capacity));
            policies.add(new LfuCache(capacity));
            policies.add(new BeladyCache(capacity, tracks));
            for (CachePolicy policy : policies) {
                long hitBytes = 0;
                long allBytes = 0;
                long fullHits = 0;
                for (int i = 0; i < n; i++) {
                    int r = first + i;
                    long size = catalog.sizeBytes(tracks[i]);
                    boolean hit = policy.request(i, plays.ts()[r], tracks[i], size);
                    if (r >= scoredFrom) {
                        allBytes += size;
                        if (hit) {
                            hitBytes += size;
                            fullHits += plays.completed()[r];
                        }
                    }
                }
                rows.add(new Row(policy.name(), share, capacity, plays.rows() - scoredFrom,
                        allBytes == 0 ? Double.NaN : (double) hitBytes / allBytes,
                        fullPlays == 0 ? Double.NaN : (double) fullHits / fullPlays));
            }
        }
        return new Report(windowFrom, windowTo, plays.rows() - scoredFrom, fullPlays, workingSet, rows);
    }

    /**
     * The plan for a day: plays of the {@value #PLAN_DAYS} days before it, recency-weighted; P(complete) of a track
     * is the weighted mean of its plays' model scores, or (no model) its Beta-smoothed completion rate so far.
     */
    static LongFunction<IntOpenHashSet> plan(FeatureTable plays, TrackCatalog catalog, double[] playModel,
                                             long capacity) {
        return dayStart -> {
            int from = lowerBound(plays.ts(), dayStart - PLAN_DAYS * DAY_MS);
            int to = lowerBound(plays.ts(), dayStart);
            int tracks = catalog.tracks();
            double[] expected = new double[tracks];
            double[] expectedFull = new double[tracks];
            int[] count = new int[tracks];
            int[] completions = new int[tracks];
            double lambda = Math.log(2) / HALF_LIFE_DAYS;
            long completed = 0;
            for (int r = from; r < to; r++) {
                int t = plays.track()[r];
                double w = Math.exp(-lambda * Math.floorDiv(dayStart - 1 - plays.ts()[r], DAY_MS));
                expected[t] += w;
                count[t]++;
                completions[t] += plays.completed()[r];
                completed += plays.completed()[r];
                if (playModel != null) {
                    expectedFull[t] += w * playModel[r];
                }
            }
            double global = to > from ? (double) completed / (to - from) : 0.6;
            List<TrackDemand> demand = new ArrayList<>();
            for (int t = 0; t < tracks; t++) {
                if (count[t] == 0) {
                    continue;
                }
                double p = playModel != null ? expectedFull[t] / expected[t] : (completions[t] + 10 * global) / (count[t] + 10);
                demand.add(new TrackDemand(t, expected[t], Math.min(1, Math.max(0, p)), catalog.sizeBytes(t)));
            }
            CachePlan plan = CachePlan.plan(demand, List.of(new CacheTier("cache", capacity)));
            IntOpenHashSet set = new IntOpenHashSet();
            for (CacheEntry e : plan.entries("cache")) {
                set.add(e.trackId());
            }
            return set;
        };
    }

    /** First index with {@code ts[i] >= value} in an ascending array. */
    static int lowerBound(long[] ts, long value) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
