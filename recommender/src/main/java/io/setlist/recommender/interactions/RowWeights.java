package io.setlist.recommender.interactions;

/**
 * Turns raw play counts into per-user weight vectors aligned with {@link PlayCounts#columns()}.
 *
 * <p>Every non-empty row is L2-normalised afterwards, so the dot product of two rows <em>is</em> their
 * cosine similarity; the neighbour search and the ranking can then work with plain dot products.
 *
 * <ul>
 *   <li>{@link Weighting#NORMALISED}: {@code plays / totalPlays(user)}. The division does not change the
 *       cosine (L2 normalisation rescales anyway) but keeps the seed's definition visible.</li>
 *   <li>{@link Weighting#LOG}: {@code log1p(plays)}.</li>
 *   <li>{@link Weighting#BM25}: {@code tf · idf} with
 *       {@code tf = plays·(k1+1) / (plays + k1·(1 − b + b·len/avgLen))} where {@code len} is the user's
 *       total plays and {@code avgLen} the mean over users, and
 *       {@code idf = ln(1 + (U − df + 0.5)/(df + 0.5))} with {@code U} users and {@code df} the artist's
 *       listeners. {@link #BM25_K1} = 1.2 saturates quickly (the 500th play of an artist says little more
 *       than the 50th); {@link #BM25_B} = 0.75 compensates heavy listeners whose counts are all large.
 *       The IDF is always positive, so even an artist everybody plays keeps a small weight.</li>
 * </ul>
 */
public final class RowWeights {

    /** BM25 term-frequency saturation. */
    public static final double BM25_K1 = 1.2;
    /** BM25 length normalisation (0 = none, 1 = full). */
    public static final double BM25_B = 0.75;

    private RowWeights() {
    }

    public static float[] apply(PlayCounts counts, Weighting weighting) {
        return apply(counts, weighting, weighting == Weighting.BM25 ? MatrixTotals.of(counts) : null);
    }

    /**
     * The weights of the rows of {@code counts} as they are in the matrix {@code totals} sums up: BM25's idf and
     * average length come from {@code totals}, so a subset of users' rows gets bit for bit the weights it has in the
     * full matrix ({@code apply(full)} restricted to those rows). The other weightings are per row and ignore it.
     *
     * @param totals the whole matrix's totals (may be null unless BM25)
     */
    public static float[] apply(PlayCounts counts, Weighting weighting, MatrixTotals totals) {
        int[] rowStart = counts.rowStart();
        float[] plays = counts.plays();
        float[] weights = new float[plays.length];
        switch (weighting) {
            case NORMALISED -> normalisedByTotal(rowStart, plays, weights);
            case LOG -> {
                for (int i = 0; i < plays.length; i++) {
                    weights[i] = (float) Math.log1p(plays[i]);
                }
            }
            case BM25 -> bm25(counts, weights, totals);
            default -> throw new IllegalArgumentException("unknown weighting " + weighting);
        }
        l2NormaliseRows(rowStart, weights);
        return weights;
    }

    private static void normalisedByTotal(int[] rowStart, float[] plays, float[] weights) {
        for (int u = 0; u + 1 < rowStart.length; u++) {
            double total = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                total += plays[i];
            }
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                weights[i] = (float) (plays[i] / total);
            }
        }
    }

    private static void bm25(PlayCounts counts, float[] weights, MatrixTotals totals) {
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        float[] plays = counts.plays();
        int users = totals.users();
        int[] listeners = totals.listenersOf(counts.artistIds());
        double allPlays = totals.allPlays();
        double[] idf = new double[listeners.length];
        for (int a = 0; a < listeners.length; a++) {
            idf[a] = Math.log(1.0 + (users - listeners[a] + 0.5) / (listeners[a] + 0.5));
        }
        double avgLen = users == 0 ? 1.0 : allPlays / users;
        for (int u = 0; u < counts.users(); u++) {
            double len = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                len += plays[i];
            }
            double lengthNorm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / avgLen);
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                double tf = plays[i] * (BM25_K1 + 1.0) / (plays[i] + lengthNorm);
                weights[i] = (float) (tf * idf[columns[i]]);
            }
        }
    }

    private static void l2NormaliseRows(int[] rowStart, float[] weights) {
        for (int u = 0; u + 1 < rowStart.length; u++) {
            double sumSquares = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                sumSquares += (double) weights[i] * weights[i];
            }
            if (sumSquares > 0) {
                double scale = 1.0 / Math.sqrt(sumSquares);
                for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                    weights[i] = (float) (weights[i] * scale);
                }
            }
        }
    }
}
