package io.setlist.scheduler.pipeline;

import io.setlist.recommender.cache.CacheEntry;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.TrackDemand;
import io.setlist.recommender.completion.CompletionRates;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.DriftCheck;
import io.setlist.sql.cache.CachePriorityTable;
import io.setlist.sql.completion.CompletionTable;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.copy.DatedReplace;
import io.setlist.sql.runs.RunMetrics;
import io.setlist.scheduler.models.CompletionModels;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * P(a play of the track runs to the end) from the last {@value #WINDOW_DAYS} days of sessions, turned into each
 * cache tier's priority list.
 *
 * <p><b>Which probability.</b> When the registry has a champion completion model, every play of the window is
 * scored with the features known before it started, and a track's probability is the recency-weighted mean of its
 * plays' scores: the listeners and contexts that played it lately stand in for tomorrow's. Without a champion it
 * falls back to each track's Beta-smoothed observed rate ({@link CompletionRates}).
 *
 * <p>Expected plays tomorrow are the window's plays weighted by recency (half-life {@value #HALF_LIFE_DAYS} days)
 * and divided by the weights of a whole window, so a track played a constant c times a day expects c. Priority is
 * expected full plays per byte: a track that is skipped after ten seconds wastes the cache.
 *
 * <p><b>Drift.</b> The last week's plays are compared with the earlier weeks of the window: PSI per feature and
 * the AUC of a new-vs-old classifier go to {@code run_metrics} beside the run-ledger row, with the model version.
 */
public final class CompletionStage implements Stage {
    static final int WINDOW_DAYS = 28;
    static final double HALF_LIFE_DAYS = 7;
    /** Beta prior strength: a track needs about this many plays before its own rate outweighs the global one. */
    static final double PRIOR_PLAYS = 10;
    /** Recent window of the drift check: a whole week. */
    static final int DRIFT_DAYS = 7;
    private static final double DAY_MILLIS = 86_400_000d;

    private final DataSource warehouse;
    private final List<CacheTier> tiers;

    public CompletionStage(DataSource warehouse, List<CacheTier> tiers) {
        this.warehouse = warehouse;
        this.tiers = tiers;
    }

    @Override
    public String job() {
        return "completion";
    }

    @Override
    public Outcome run(RunContext context) {
        Instant end = context.businessDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = end.minusSeconds(WINDOW_DAYS * 86_400L);
        double lambda = Math.log(2) / HALF_LIFE_DAYS;
        double windowWeight = 0;
        for (int d = 0; d < WINDOW_DAYS; d++) {
            windowWeight += Math.exp(-lambda * d);
        }
        double perWindow = 1 / windowWeight;
        long endMillis = end.toEpochMilli();

        // Features replay the same history length the models were trained with; demand uses the last window.
        Instant history = end.minusSeconds(CompletionModels.HISTORY_DAYS * 86_400L);
        ListeningData data = new WarehouseListening(warehouse).read(history, end);
        FeatureTable plays = data.features().between(start.toEpochMilli(), endMillis);
        Optional<CompletionModels.Loaded> champion = new CompletionModels(warehouse).champion();
        int tracks = data.catalog().tracks();
        double[] expectedPlays = new double[tracks];
        double[] expectedFull = new double[tracks];
        CompletionRates rates = new CompletionRates();
        for (int r = 0; r < plays.rows(); r++) {
            int t = plays.track()[r];
            rates.add(t, plays.completed()[r] == 1);
            double ageDays = Math.floor((endMillis - 1 - plays.ts()[r]) / DAY_MILLIS);
            double w = Math.exp(-lambda * ageDays) * perWindow;
            expectedPlays[t] += w;
            if (champion.isPresent()) {
                expectedFull[t] += w * champion.get().model().probability(plays.x(), r * plays.columns());
            }
        }
        CompletionRates.TrackRate[] trackRates = rates.rates(PRIOR_PLAYS);
        double[] probability = new double[trackRates.length];
        for (int i = 0; i < trackRates.length; i++) {
            int t = trackRates[i].trackId();
            probability[i] = champion.isPresent() ? Math.min(1, Math.max(0, expectedFull[t] / expectedPlays[t]))
                    : trackRates[i].probability();
        }
        try (DatedReplace out = new CompletionTable(warehouse).replace(context.businessDate())) {
            for (int i = 0; i < trackRates.length; i++) {
                CompletionRates.TrackRate r = trackRates[i];
                CompletionTable.add(out, r.trackId(), r.plays(), r.completions(), probability[i]);
            }
            out.commit();
        }

        CachePriorityTable cacheTable = new CachePriorityTable(warehouse);
        Int2LongOpenHashMap sizes = new Int2LongOpenHashMap();
        cacheTable.forEachTrackSize(sizes::put);
        List<TrackDemand> demand = new ArrayList<>(trackRates.length);
        for (int i = 0; i < trackRates.length; i++) {
            int t = trackRates[i].trackId();
            long size = sizes.get(t);
            if (size > 0) {
                demand.add(new TrackDemand(t, expectedPlays[t], probability[i], size));
            }
        }
        CachePlan plan = CachePlan.plan(demand, tiers);
        long cached = 0;
        try (DatedReplace out = cacheTable.replace(context.businessDate())) {
            for (String tier : plan.tierNames()) {
                for (CacheEntry e : plan.entries(tier)) {
                    CachePriorityTable.add(out, tier, e.rank(), e.trackId(), e.probability(), e.expectedFullPlays(),
                            e.sizeBytes(), e.priority());
                    cached++;
                }
            }
            out.commit();
        }
        Map<String, Double> metrics = drift(plays, endMillis);
        metrics.put("model_version", champion.map(c -> (double) c.version()).orElse(0.0));
        new RunMetrics(warehouse).record(job(), context.businessDate(), metrics);

        StringBuilder summary = new StringBuilder(String.format(
                "%d tracks from %d events (%s; global completion %.1f%%); drift AUC %.3f, max PSI %.3f; cache:",
                trackRates.length, data.log().size(),
                champion.map(c -> "model " + c.name() + " v" + c.version()).orElse("smoothed rates, no champion"),
                100 * rates.globalRate(), metrics.getOrDefault("drift_new_vs_old_auc", Double.NaN),
                metrics.getOrDefault("psi_max", Double.NaN)));
        for (String tier : plan.tierNames()) {
            summary.append(String.format(" %s=%d tracks/%.0f MiB", tier, plan.entries(tier).size(),
                    plan.usedBytes(tier) / 1048576.0));
        }
        return new Outcome(data.log().size(), trackRates.length + cached, summary.toString());
    }

    /**
     * The last {@value #DRIFT_DAYS} days' plays against the earlier days of the window: whole weeks, so that the
     * weekday mix is the same on both sides. PSI covers every feature; the new-vs-old classifier leaves out the
     * "so far" counts (names ending in {@code _log}), which grow with history and would separate any late week from
     * an earlier one even in a stationary population. NaN values (too few rows) are left out.
     */
    private static Map<String, Double> drift(FeatureTable plays, long endMillis) {
        long recentFrom = endMillis - DRIFT_DAYS * (long) DAY_MILLIS;
        FeatureTable reference = plays.between(Long.MIN_VALUE, recentFrom);
        FeatureTable recent = plays.between(recentFrom, endMillis);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double max = Double.NaN;
        for (int c = 0; c < plays.columns(); c++) {
            double psi = DriftCheck.psi(reference, recent, c);
            if (!Double.isNaN(psi)) {
                metrics.put("psi:" + plays.names()[c], psi);
                max = Double.isNaN(max) ? psi : Math.max(max, psi);
            }
        }
        if (!Double.isNaN(max)) {
            metrics.put("psi_max", max);
        }
        String[] stable = java.util.Arrays.stream(plays.names()).filter(n -> !n.endsWith("_log"))
                .toArray(String[]::new);
        double auc = DriftCheck.newVsOldAuc(reference.withColumns(stable), recent.withColumns(stable));
        if (!Double.isNaN(auc)) {
            metrics.put("drift_new_vs_old_auc", auc);
        }
        return metrics;
    }
}
