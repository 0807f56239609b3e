package io.setlist.scheduler.pipeline;

import io.setlist.recommender.cache.CacheEntry;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.TrackDemand;
import io.setlist.recommender.completion.CompletionRates;
import io.setlist.recommender.completion.PlayOutcomeLabeler;
import io.setlist.sql.cache.CachePriorityTable;
import io.setlist.sql.completion.CompletionTable;
import io.setlist.sql.completion.ListeningEvents;
import io.setlist.sql.copy.DatedReplace;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns P(a play of the track runs to the end) from the last {@value #WINDOW_DAYS} days of sessions, and turns it
 * into each cache tier's priority list.
 *
 * <p>Expected plays tomorrow are the window's plays weighted by recency (half-life {@value #HALF_LIFE_DAYS} days)
 * and divided by the weights of a whole window, so a track played a constant c times a day expects c. Priority is
 * expected full plays per byte: a track that is skipped after ten seconds wastes the cache.
 */
public final class CompletionStage implements Stage {
    static final int WINDOW_DAYS = 28;
    static final double HALF_LIFE_DAYS = 7;
    /** Beta prior strength: a track needs about this many plays before its own rate outweighs the global one. */
    static final double PRIOR_PLAYS = 10;
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

        CompletionRates rates = new CompletionRates();
        Int2DoubleOpenHashMap expectedPlays = new Int2DoubleOpenHashMap();
        PlayOutcomeLabeler labeler = new PlayOutcomeLabeler((userId, trackId, playTs, completed) -> {
            rates.add(trackId, completed);
            double ageDays = Math.floor((endMillis - 1 - playTs) / DAY_MILLIS);
            expectedPlays.addTo(trackId, Math.exp(-lambda * ageDays) * perWindow);
        });
        long events = new ListeningEvents(warehouse).forEach(start, end, (session, user, track, ts, skip) -> {
            if (skip) {
                labeler.skip(session, user, track, ts);
            } else {
                labeler.play(session, user, track, ts);
            }
        });
        labeler.finish();

        CompletionRates.TrackRate[] trackRates = rates.rates(PRIOR_PLAYS);
        try (DatedReplace out = new CompletionTable(warehouse).replace(context.businessDate())) {
            for (CompletionRates.TrackRate r : trackRates) {
                CompletionTable.add(out, r.trackId(), r.plays(), r.completions(), r.probability());
            }
            out.commit();
        }

        CachePriorityTable cacheTable = new CachePriorityTable(warehouse);
        Int2LongOpenHashMap sizes = new Int2LongOpenHashMap();
        cacheTable.forEachTrackSize(sizes::put);
        List<TrackDemand> demand = new ArrayList<>(trackRates.length);
        for (CompletionRates.TrackRate r : trackRates) {
            long size = sizes.get(r.trackId());
            if (size > 0) {
                demand.add(new TrackDemand(r.trackId(), expectedPlays.get(r.trackId()), r.probability(), size));
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
        StringBuilder summary = new StringBuilder(String.format(
                "%d tracks from %d events (global completion %.1f%%, %d orphan skips); cache:",
                trackRates.length, events, 100 * rates.globalRate(), labeler.orphanSkips()));
        for (String tier : plan.tierNames()) {
            summary.append(String.format(" %s=%d tracks/%.0f MiB", tier, plan.entries(tier).size(),
                    plan.usedBytes(tier) / 1048576.0));
        }
        return new Outcome(events, trackRates.length + cached, summary.toString());
    }
}
