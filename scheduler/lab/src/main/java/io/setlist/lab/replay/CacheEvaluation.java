package io.setlist.lab.replay;

import io.setlist.recommender.cache.CacheEntry;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.DemandForecast;
import io.setlist.recommender.cache.DemandWeights;
import io.setlist.recommender.cache.TrackDemand;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.TrackCatalog;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * is rebuilt at the start of each day like the daily stage: expected plays from the {@value #PLAN_HISTORY_DAYS}
 * days before it ({@link DemandWeights}: recent window, half-life, history blend) × P(complete), per byte.
 * Capacities are shares of the window's working set (the bytes of the distinct tracks it requests).
 *
 * <p>{@link #tune} chooses the weights: call it with plays that end before the window that will be reported, so
 * the test window is replayed once, with weights it did not choose.
 */
public final class CacheEvaluation {
    /** History the plan reads before each day: what the daily stage reads ({@code CompletionModels.HISTORY_DAYS}). */
    static final int PLAN_HISTORY_DAYS = 90;
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

    /** One candidate of {@link #tune}: its full-play hit rates per capacity, and LFU's on the same replay. */
    public record Trial(DemandWeights weights, double[] fullPlayHitRate, double[] lfuFullPlayHitRate) {
        /** The worst capacity's plan / LFU ratio of full-play hit rates (LFU at 0: the plan counts as equal). */
        public double worstRatioToLfu() {
            double worst = Double.POSITIVE_INFINITY;
            for (int c = 0; c < fullPlayHitRate.length; c++) {
                worst = Math.min(worst, lfuFullPlayHitRate[c] > 0 ? fullPlayHitRate[c] / lfuFullPlayHitRate[c] : 1);
            }
            return worst;
        }

        public double meanFullPlayHitRate() {
            double sum = 0;
            for (double h : fullPlayHitRate) {
                sum += h;
            }
            return sum / fullPlayHitRate.length;
        }
    }

    /** The replayed window of a table: the last {@code windowDays} whole UTC days up to its last play. */
    private record Window(long from, long to, int first, int scoredFrom, long workingSet, long fullPlays) {
        static Window of(FeatureTable plays, TrackCatalog catalog, int windowDays, int historyDays) {
            long last = plays.ts()[plays.rows() - 1];
            long to = (Math.floorDiv(last, DAY_MS) + 1) * DAY_MS;
            long from = to - windowDays * DAY_MS;
            int first = lowerBound(plays.ts(), from - historyDays * DAY_MS);
            int scoredFrom = lowerBound(plays.ts(), from);
            IntOpenHashSet distinct = new IntOpenHashSet();
            long workingSet = 0;
            long fullPlays = 0;
            for (int r = scoredFrom; r < plays.rows(); r++) {
                if (distinct.add(plays.track()[r])) {
                    workingSet += catalog.sizeBytes(plays.track()[r]);
                }
                fullPlays += plays.completed()[r];
            }
            return new Window(from, to, first, scoredFrom, workingSet, fullPlays);
        }
    }

    /**
     * @param plays        every play, in time order, with labels
     * @param playModel    P(complete) of each play from a model trained before the window, or null
     * @param weights      the plan's demand weights
     */
    public static Report evaluate(FeatureTable plays, TrackCatalog catalog, double[] playModel, int windowDays,
                                  int historyDays, double[] capacityShares, DemandWeights weights) {
        Window w = Window.of(plays, catalog, windowDays, historyDays);
        int[] tracks = Arrays.copyOfRange(plays.track(), w.first(), plays.rows());
        LongFunction<List<TrackDemand>> modelDemand = playModel == null ? null
                : dailyDemand(plays, catalog, playModel, weights);
        LongFunction<List<TrackDemand>> rateDemand = dailyDemand(plays, catalog, null, weights);
        List<Row> rows = new ArrayList<>();
        for (double share : capacityShares) {
            long capacity = (long) (share * w.workingSet());
            List<CachePolicy> policies = new ArrayList<>();
            if (modelDemand != null) {
                policies.add(new DailyPlanCache("Setlist plan (model)", plan(modelDemand, capacity)));
            }
            policies.add(new DailyPlanCache("Setlist plan (rates)", plan(rateDemand, capacity)));
            policies.add(new LruCache(capacity));
            policies.add(new LfuCache(capacity));
            policies.add(new BeladyCache(capacity, tracks));
            for (CachePolicy policy : policies) {
                double[] rates = replay(policy, plays, catalog, w);
                rows.add(new Row(policy.name(), share, capacity, plays.rows() - w.scoredFrom(), rates[0], rates[1]));
            }
        }
        return new Report(w.from(), w.to(), plays.rows() - w.scoredFrom(), w.fullPlays(), w.workingSet(), rows);
    }

    /**
     * Replays the last {@code windowDays} of {@code plays} with each candidate's plan (smoothed rates for
     * P(complete)) and with LFU, at every capacity. Cost: per candidate, one pass over the plan history per day plus
     * one sort of the played tracks per day and capacity.
     *
     * @param plays plays that end before the window to be reported (a validation replay)
     */
    public static List<Trial> tune(FeatureTable plays, TrackCatalog catalog, int windowDays, int historyDays,
                                   double[] capacityShares, List<DemandWeights> candidates) {
        Window w = Window.of(plays, catalog, windowDays, historyDays);
        double[] lfu = new double[capacityShares.length];
        for (int c = 0; c < capacityShares.length; c++) {
            lfu[c] = replay(new LfuCache((long) (capacityShares[c] * w.workingSet())), plays, catalog, w)[1];
        }
        List<Trial> trials = new ArrayList<>();
        for (DemandWeights weights : candidates) {
            LongFunction<List<TrackDemand>> demand = dailyDemand(plays, catalog, null, weights);
            double[] hit = new double[capacityShares.length];
            for (int c = 0; c < capacityShares.length; c++) {
                long capacity = (long) (capacityShares[c] * w.workingSet());
                hit[c] = replay(new DailyPlanCache("plan", plan(demand, capacity)), plays, catalog, w)[1];
            }
            trials.add(new Trial(weights, hit, lfu));
        }
        return trials;
    }

    /** {byte hit rate, full-play hit rate} of a policy over the window, after its warm-up. */
    private static double[] replay(CachePolicy policy, FeatureTable plays, TrackCatalog catalog, Window w) {
        long hitBytes = 0;
        long allBytes = 0;
        long fullHits = 0;
        for (int r = w.first(); r < plays.rows(); r++) {
            int track = plays.track()[r];
            long size = catalog.sizeBytes(track);
            boolean hit = policy.request(r - w.first(), plays.ts()[r], track, size);
            if (r >= w.scoredFrom()) {
                allBytes += size;
                if (hit) {
                    hitBytes += size;
                    fullHits += plays.completed()[r];
                }
            }
        }
        return new double[] {allBytes == 0 ? Double.NaN : (double) hitBytes / allBytes,
                w.fullPlays() == 0 ? Double.NaN : (double) fullHits / w.fullPlays()};
    }

    /** The plan for a day at one capacity, from that day's demand. */
    static LongFunction<IntOpenHashSet> plan(LongFunction<List<TrackDemand>> demand, long capacity) {
        return dayStart -> {
            CachePlan plan = CachePlan.plan(demand.apply(dayStart), List.of(new CacheTier("cache", capacity)));
            IntOpenHashSet set = new IntOpenHashSet();
            for (CacheEntry e : plan.entries("cache")) {
                set.add(e.trackId());
            }
            return set;
        };
    }

    /** Shorthand for a test: the plan with the given weights at one capacity. */
    static LongFunction<IntOpenHashSet> plan(FeatureTable plays, TrackCatalog catalog, double[] playModel,
                                             long capacity, DemandWeights weights) {
        return plan(dailyDemand(plays, catalog, playModel, weights), capacity);
    }

    /**
     * A day's demand, computed once per day (memoised, so every capacity shares it): expected plays from the
     * {@value #PLAN_HISTORY_DAYS} days before the day ({@link DemandWeights}); P(complete) of a track played in the
     * recent window is the recency-weighted mean of its plays' model scores there, or (no model) its Beta-smoothed
     * completion rate there.
     */
    static LongFunction<List<TrackDemand>> dailyDemand(FeatureTable plays, TrackCatalog catalog, double[] playModel,
                                                       DemandWeights weights) {
        Map<Long, List<TrackDemand>> byDay = new HashMap<>();
        return dayStart -> byDay.computeIfAbsent(dayStart, d -> {
            int from = lowerBound(plays.ts(), dayStart - PLAN_HISTORY_DAYS * DAY_MS);
            int to = lowerBound(plays.ts(), dayStart);
            int tracks = catalog.tracks();
            double[] expected = new double[tracks];
            int[] count = new int[tracks];
            weights.expectedPlays(plays.ts(), plays.track(), from, to, dayStart, expected, count);
            int recentFrom = lowerBound(plays.ts(), dayStart - weights.windowDays() * DAY_MS);
            double[] weight = new double[tracks];
            double[] expectedFull = new double[tracks];
            int[] completions = new int[tracks];
            long completed = 0;
            for (int r = recentFrom; r < to; r++) {
                int t = plays.track()[r];
                completions[t] += plays.completed()[r];
                completed += plays.completed()[r];
                if (playModel != null) {
                    double w = weights.recencyWeight(Math.floorDiv(dayStart - 1 - plays.ts()[r], DAY_MS));
                    weight[t] += w;
                    expectedFull[t] += w * playModel[r];
                }
            }
            double global = to > recentFrom ? (double) completed / (to - recentFrom) : 0.6;
            List<TrackDemand> demand = new ArrayList<>();
            for (int t = 0; t < tracks; t++) {
                if (count[t] == 0) {
                    continue;
                }
                double p = playModel != null ? expectedFull[t] / weight[t]
                        : (completions[t] + DemandForecast.PRIOR_PLAYS * global) / (count[t] + DemandForecast.PRIOR_PLAYS);
                demand.add(new TrackDemand(t, expected[t], Math.min(1, Math.max(0, p)), catalog.sizeBytes(t)));
            }
            return demand;
        });
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
