package io.setlist.recommender.cache;

/**
 * How tomorrow's plays of a track are forecast from past plays: a recency-weighted rate over a recent window,
 * blended with the track's plain rate over all the history the caller has.
 *
 * <p>For plays ending at {@code end} (exclusive), a play's age is its whole days before {@code end}
 * ({@code floor((end - 1 - ts) / day)}). Then
 * <pre>
 *   recent(t)   = Σ over t's plays with age &lt; windowDays of 2^(-age / halfLifeDays)  /  Σ_{d=0}^{windowDays-1} 2^(-d / halfLifeDays)
 *   history(t)  = t's plays in the history  /  historyDays,   historyDays = ceil((end - earliest play's ts) / day)
 *   expected(t) = (1 - historyWeight) · recent(t) + historyWeight · history(t)
 * </pre>
 * Both parts are plays per day, so a track played c times every day expects c whatever the weights. Long memory
 * (what makes LFU strong when most tracks are played rarely) comes from {@code historyWeight}; reaction to new
 * favourites from the recent part. Only tracks played in the recent window are candidates (see
 * {@link #expectedPlays}), so a blend never resurrects a track nobody has played for {@code windowDays}.
 *
 * @param windowDays    days of the recent window, ≥ 1
 * @param halfLifeDays  half-life of the recency weights in days, &gt; 0
 * @param historyWeight share of the all-history rate in the blend, in [0, 1]
 */
public record DemandWeights(int windowDays, double halfLifeDays, double historyWeight) {
    /** The defaults, chosen by {@code eval cache --tune} on validation replays (README, "Cache replay"). */
    public static final DemandWeights DEFAULT = new DemandWeights(84, 14, 0.5);
    private static final double DAY_MILLIS = 86_400_000d;

    public DemandWeights {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1, got " + windowDays);
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be finite and > 0, got " + halfLifeDays);
        }
        if (!(historyWeight >= 0 && historyWeight <= 1)) {
            throw new IllegalArgumentException("historyWeight must be in [0, 1], got " + historyWeight);
        }
    }

    /** Weight of a play {@code ageDays} whole days old in the recent part, before normalisation. */
    public double recencyWeight(double ageDays) {
        return Math.pow(2, -ageDays / halfLifeDays);
    }

    /**
     * Fills {@code expected[t]} with the blend above and {@code recentPlays[t]} with t's plays in the recent window
     * (a track is a candidate iff it is &gt; 0). Cost: one pass over the rows; both arrays are indexed by track id and
     * must be zero on entry.
     *
     * @param ts      play times; rows {@code [from, to)} are the history, all before {@code endMillis}, in any order
     * @param track   the plays' track ids
     */
    public void expectedPlays(long[] ts, int[] track, int from, int to, long endMillis, double[] expected,
                              int[] recentPlays) {
        if (from >= to) {
            return;
        }
        double norm = 0;
        for (int d = 0; d < windowDays; d++) {
            norm += recencyWeight(d);
        }
        double recentShare = (1 - historyWeight) / norm;
        long first = Long.MAX_VALUE;
        for (int r = from; r < to; r++) {
            first = Math.min(first, ts[r]);
        }
        double historyDays = Math.max(1, Math.ceil((endMillis - first) / DAY_MILLIS));
        double historyShare = historyWeight / historyDays;
        for (int r = from; r < to; r++) {
            int t = track[r];
            double ageDays = Math.floor((endMillis - 1 - ts[r]) / DAY_MILLIS);
            if (ageDays < windowDays) {
                recentPlays[t]++;
                expected[t] += recentShare * recencyWeight(ageDays);
            }
            expected[t] += historyShare;
        }
    }
}
