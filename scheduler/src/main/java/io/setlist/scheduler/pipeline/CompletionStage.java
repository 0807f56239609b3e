package io.setlist.scheduler.pipeline;

import io.setlist.recommender.cache.CacheEntry;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.DemandForecast;
import io.setlist.recommender.cache.DemandWeights;
import io.setlist.recommender.completion.CompletionRates;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.DriftCheck;
import io.setlist.sql.cache.CachePriorityTable;
import io.setlist.sql.completion.CompletionTable;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.copy.DatedReplace;
import io.setlist.sql.runs.RunMetrics;
import io.setlist.scheduler.predictions.CompletionModels;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * P(a play of the track runs to the end) and tomorrow's expected plays from the recent window of sessions blended
 * with the history the stage reads ({@link DemandForecast}, {@link DemandWeights}), turned into each cache tier's
 * priority list ({@link CachePlan}); drift of the last week against the earlier weeks ({@link DriftCheck}) goes to
 * {@code run_metrics} beside the run-ledger row, with the model version. This stage only reads the warehouse, calls
 * those pure classes and writes their results; then it brings the node's prediction feature store forward (when it
 * was given one), so that the store is built by the daily run and not only by requests.
 */
public final class CompletionStage implements Stage {
    /** Recent window of the drift check: a whole week. */
    static final int DRIFT_DAYS = 7;
    /** The drift check's whole span: the recent week against the three before it. */
    static final int DRIFT_SPAN_DAYS = 28;

    private final DataSource warehouse;
    private final List<CacheTier> tiers;
    private final DemandWeights demand;
    private final CachePlan.Priority priority;
    private final PlayFeatureSource served;

    public CompletionStage(DataSource warehouse, List<CacheTier> tiers) {
        this(warehouse, tiers, DemandWeights.DEFAULT, CachePlan.Priority.PER_BYTE);
    }

    public CompletionStage(DataSource warehouse, List<CacheTier> tiers, DemandWeights demand,
                           CachePlan.Priority priority) {
        this(warehouse, tiers, demand, priority, null);
    }

    /**
     * @param demand   window, half-life and history blend of expected plays; the window fits the history read
     * @param priority what expected full plays are divided by to rank tracks
     * @param served   this node's prediction feature source, refreshed after each run; null for none
     */
    public CompletionStage(DataSource warehouse, List<CacheTier> tiers, DemandWeights demand,
                           CachePlan.Priority priority, PlayFeatureSource served) {
        if (demand.windowDays() > CompletionModels.HISTORY_DAYS) {
            throw new IllegalArgumentException("demand window of " + demand.windowDays() + " days exceeds the "
                    + CompletionModels.HISTORY_DAYS + " days the stage reads");
        }
        this.warehouse = warehouse;
        this.tiers = tiers;
        this.demand = demand;
        this.priority = priority;
        this.served = served;
    }

    @Override
    public String job() {
        return "completion";
    }

    @Override
    public Outcome run(RunContext context) {
        Instant end = context.businessDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = end.minusSeconds(DRIFT_SPAN_DAYS * 86_400L);
        long endMillis = end.toEpochMilli();

        // Features replay the same history length the models were trained with; demand blends the recent window
        // with all of it, and drift compares the
        // last week with the three before it.
        Instant history = end.minusSeconds(CompletionModels.HISTORY_DAYS * 86_400L);
        ListeningData data = new WarehouseListening(warehouse).read(history, end);
        FeatureTable plays = data.features().between(start.toEpochMilli(), endMillis);
        Optional<CompletionModels.Loaded> champion = new CompletionModels(warehouse).champion();
        DemandForecast forecast = DemandForecast.of(data.features(), data.catalog().tracks(), endMillis,
                champion.map(CompletionModels.Loaded::model).orElse(null), demand);

        try (DatedReplace out = new CompletionTable(warehouse).replace(context.businessDate())) {
            for (int i = 0; i < forecast.tracks(); i++) {
                CompletionRates.TrackRate r = forecast.rate(i);
                CompletionTable.add(out, r.trackId(), r.plays(), r.completions(), forecast.probability(i));
            }
            out.commit();
        }

        CachePlan plan = CachePlan.plan(forecast.demand(data.catalog()), tiers, priority);
        long cached = 0;
        try (DatedReplace out = new CachePriorityTable(warehouse).replace(context.businessDate())) {
            for (String tier : plan.tierNames()) {
                for (CacheEntry e : plan.entries(tier)) {
                    CachePriorityTable.add(out, tier, e.rank(), e.trackId(), e.probability(), e.expectedFullPlays(),
                            e.sizeBytes(), e.priority());
                    cached++;
                }
            }
            out.commit();
        }
        Map<String, Double> metrics = DriftCheck.recentAgainstEarlier(plays, endMillis, DRIFT_DAYS);
        metrics.put("model_version", champion.map(c -> (double) c.version()).orElse(0.0));
        new RunMetrics(warehouse).record(job(), context.businessDate(), metrics);

        StringBuilder summary = new StringBuilder(String.format(
                "%d tracks from %d events (%s; global completion %.1f%%); drift AUC %.3f, max PSI %.3f; cache:",
                forecast.tracks(), data.log().size(),
                champion.map(c -> "model " + c.name() + " v" + c.version()).orElse("smoothed rates, no champion"),
                100 * forecast.globalRate(), metrics.getOrDefault("drift_new_vs_old_auc", Double.NaN),
                metrics.getOrDefault("psi_max", Double.NaN)));
        for (String tier : plan.tierNames()) {
            summary.append(String.format(" %s=%d tracks/%.0f MiB", tier, plan.entries(tier).size(),
                    plan.usedBytes(tier) / 1048576.0));
        }
        summary.append(bringForward());
        return new Outcome(data.log().size(), forecast.tracks() + cached, summary.toString());
    }

    /**
     * Refreshes the served feature source; its failure does not fail the stage (its outputs are written, and the
     * next request brings the store forward), the summary says it.
     */
    private String bringForward() {
        if (served == null) {
            return "";
        }
        try {
            long t0 = System.nanoTime();
            String held = "";
            if (served instanceof FeatureStore store) {
                int events = store.events(); // brings it forward, then counts: one refresh, not two
                held = String.format("%d events, up to event id %d, ", events, store.latestEventId());
            } else {
                served.refresh();
            }
            return String.format("; feature store brought forward: %s%.1f s", held, (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            return "; feature store NOT brought forward (" + e.getMessage() + "): the next request will";
        }
    }
}
