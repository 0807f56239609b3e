package io.setlist.recommender.cache;

import io.setlist.recommender.completion.CompletionRates;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.recommender.completion.model.Classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Tomorrow's demand per track, from the plays of a window that ends at a business day's end: how often a track will
 * be played, and how likely such a play runs to the end. Pure: the caller reads the plays and writes the results.
 *
 * <p><b>Expected plays</b> are the recent window's plays weighted by recency, blended with the all-history rate
 * ({@link DemandWeights}), so a track played a constant c times a day expects c.
 *
 * <p><b>Completion probability.</b> With a champion model, every play of the window is scored with the features
 * known before it started, and a track's probability is the recency-weighted mean of its plays' scores: the
 * listeners and contexts that played it lately stand in for tomorrow's. Without one, it is the track's Beta-smoothed
 * observed rate ({@link CompletionRates}, prior {@value #PRIOR_PLAYS} plays).
 *
 * <p>Cost: one pass over the window's rows (plus one model evaluation per row with a champion), memory two doubles
 * per catalogue track.
 */
public final class DemandForecast {
    /** Beta prior strength: a track needs about this many plays before its own rate outweighs the global one. */
    public static final double PRIOR_PLAYS = 10;
    private static final double DAY_MILLIS = 86_400_000d;

    private final CompletionRates.TrackRate[] rates;
    private final double[] probability;
    private final double[] expectedPlays;
    private final double globalRate;

    private DemandForecast(CompletionRates.TrackRate[] rates, double[] probability, double[] expectedPlays,
                           double globalRate) {
        this.rates = rates;
        this.probability = probability;
        this.expectedPlays = expectedPlays;
        this.globalRate = globalRate;
    }

    /** {@link #of(FeatureTable, int, long, Classifier, DemandWeights)} with {@link DemandWeights#DEFAULT}. */
    public static DemandForecast of(FeatureTable plays, int tracks, long endMillis, Classifier champion) {
        return of(plays, tracks, endMillis, champion, DemandWeights.DEFAULT);
    }

    /**
     * @param history   the plays the caller has before {@code endMillis}, ascending by time; the recent window is its
     *                  last {@code weights.windowDays()} days, and only tracks played there are forecast
     * @param tracks    the number of catalogue tracks (track ids are below it)
     * @param endMillis the window's end (exclusive), the business day's end
     * @param champion  the champion completion model, or null for the smoothed observed rates
     * @param weights   window, half-life and history blend of the expected plays
     */
    public static DemandForecast of(FeatureTable history, int tracks, long endMillis, Classifier champion,
                                    DemandWeights weights) {
        double[] expectedPlays = new double[tracks];
        int[] recentPlays = new int[tracks];
        weights.expectedPlays(history.ts(), history.track(), 0, history.rows(), endMillis, expectedPlays,
                recentPlays);
        // P(complete) stays a property of the recent window: recency-weighted model scores, or smoothed counts.
        double[] weight = new double[tracks];
        double[] expectedFull = new double[tracks];
        CompletionRates rates = new CompletionRates();
        for (int r = 0; r < history.rows(); r++) {
            int t = history.track()[r];
            double ageDays = Math.floor((endMillis - 1 - history.ts()[r]) / DAY_MILLIS);
            if (ageDays >= weights.windowDays()) {
                continue;
            }
            rates.add(t, history.completed()[r] == 1);
            if (champion != null) {
                double w = weights.recencyWeight(ageDays);
                weight[t] += w;
                expectedFull[t] += w * champion.probability(history.x(), r * history.columns());
            }
        }
        CompletionRates.TrackRate[] trackRates = rates.rates(PRIOR_PLAYS);
        double[] probability = new double[trackRates.length];
        for (int i = 0; i < trackRates.length; i++) {
            int t = trackRates[i].trackId();
            probability[i] = champion != null ? Math.min(1, Math.max(0, expectedFull[t] / weight[t]))
                    : trackRates[i].probability();
        }
        return new DemandForecast(trackRates, probability, expectedPlays, rates.globalRate());
    }

    /** Tracks played in the window. */
    public int tracks() {
        return rates.length;
    }

    /** The i-th played track's counts (track id, plays, completions) in the window. */
    public CompletionRates.TrackRate rate(int i) {
        return rates[i];
    }

    /** P(a play of the i-th played track runs to the end). */
    public double probability(int i) {
        return probability[i];
    }

    /** Completions / plays over the whole window. */
    public double globalRate() {
        return globalRate;
    }

    /** Expected plays tomorrow of the i-th played track. */
    public double expectedPlays(int i) {
        return expectedPlays[rates[i].trackId()];
    }

    /**
     * The cache planner's input: one entry per played track, its size taken from the catalogue the plays were read
     * with (which holds only sizes > 0), not from any output table.
     */
    public List<TrackDemand> demand(TrackCatalog catalog) {
        List<TrackDemand> demand = new ArrayList<>(rates.length);
        for (int i = 0; i < rates.length; i++) {
            int t = rates[i].trackId();
            demand.add(new TrackDemand(t, expectedPlays[t], probability[i], catalog.sizeBytes(t), catalog.dailyCost(t)));
        }
        return demand;
    }
}
