package io.setlist.recommender.completion;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntMaps;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * Per-track completion counts and smoothed completion probabilities.
 *
 * <p>The probability is a Beta-prior posterior mean,
 * {@code (completions + m·g) / (plays + m)}, with {@code g} the global completion rate and {@code m} the
 * prior strength in pseudo-plays. Why: a track played twice and completed twice would otherwise get
 * probability 1 and outrank tracks with thousands of plays at 95%. The prior pulls sparse tracks toward
 * the catalogue-wide rate and fades as a track's own plays outnumber {@code m}.
 */
public final class CompletionRates {

    /** Completion probability of one track. */
    public record TrackRate(int trackId, int plays, int completions, double probability) {
    }

    private final Int2IntOpenHashMap playsByTrack = new Int2IntOpenHashMap();
    private final Int2IntOpenHashMap completionsByTrack = new Int2IntOpenHashMap();
    private long totalPlays;
    private long totalCompletions;

    public void add(int trackId, boolean completed) {
        playsByTrack.addTo(trackId, 1);
        totalPlays++;
        if (completed) {
            completionsByTrack.addTo(trackId, 1);
            totalCompletions++;
        }
    }

    /** Completions / plays over all tracks; 0 when nothing was added. */
    public double globalRate() {
        return totalPlays == 0 ? 0.0 : (double) totalCompletions / totalPlays;
    }

    public int tracks() {
        return playsByTrack.size();
    }

    /**
     * @param priorStrength m ≥ 0, in pseudo-plays; 0 gives the raw rate
     * @return one rate per track, ascending track id
     */
    public TrackRate[] rates(double priorStrength) {
        if (!(priorStrength >= 0.0)) {
            throw new IllegalArgumentException("priorStrength must be >= 0, got " + priorStrength);
        }
        double global = globalRate();
        int[] trackIds = playsByTrack.keySet().toIntArray();
        Arrays.sort(trackIds);
        TrackRate[] rates = new TrackRate[trackIds.length];
        for (int i = 0; i < trackIds.length; i++) {
            int track = trackIds[i];
            int plays = playsByTrack.get(track);
            int completions = completionsByTrack.get(track);
            double probability = (completions + priorStrength * global) / (plays + priorStrength);
            rates[i] = new TrackRate(track, plays, completions, probability);
        }
        return rates;
    }

    /** Visible for callers that persist raw counts. */
    public Int2IntMap playsByTrack() {
        return Int2IntMaps.unmodifiable(playsByTrack);
    }
}
