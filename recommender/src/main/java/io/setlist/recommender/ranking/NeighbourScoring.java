package io.setlist.recommender.ranking;

/**
 * How {@link NeighbourRanking} turns neighbours into artist scores. The neighbour <em>set</em> is always the exact
 * cosine (+ profile blend) top k; everything here is applied afterwards, in ranking:
 *
 * <pre>
 *   score(a) = listeners(a)^-popularityDamping · Σ_sources λ_source · Σ_{v ∈ source(u)} s(u, v) · c(v, a)
 *   s(u, v)  = sim(u, v)^similarityExponent, divided by Σ_v s(u, v) when normaliseSimilarities
 *   c(v, a)  = w(v, a)^weightExponent,       divided by Σ_a c(v, a)  when normaliseRows
 * </pre>
 *
 * Sources: the cosine neighbours (λ = 1), the user's friends (λ = {@code friendWeight}, each friend's s = 1) and the
 * users closest by tag use (λ = {@code tagWeight}, s = their tag cosine). A source without data adds nothing.
 * {@link #PLAIN} (exponents 1, no damping, no normalisation, no side sources) is the plain weighted sum
 * {@code Σ sim · w}, bit for bit.
 *
 * @param similarityExponent    α &gt; 0: above 1 lets the closest neighbours dominate; monotone, so the top k
 *                              neighbour set is unchanged
 * @param weightExponent        β &ge; 0: 0 counts the neighbours that have an artist, 1 weighs by their row weight
 * @param popularityDamping     γ &ge; 0: divides by the artist's training listeners to the γ, favouring the long tail
 * @param normaliseSimilarities each source's similarities of a user sum to 1, so λ mixes sources on one scale
 * @param normaliseRows         each neighbour's contributions sum to 1, so a neighbour with few artists is not
 *                              worth more per artist than one with many
 * @param friendWeight          λ of the friends source, &ge; 0
 * @param tagWeight             λ of the tag-similarity source, &ge; 0
 */
public record NeighbourScoring(double similarityExponent, double weightExponent, double popularityDamping,
                               boolean normaliseSimilarities, boolean normaliseRows, double friendWeight,
                               double tagWeight) {

    /** The plain weighted sum the ranking used before these knobs existed. */
    public static final NeighbourScoring PLAIN = new NeighbourScoring(1, 1, 0, false, false, 0, 0);

    /**
     * The daily job's default: what {@code eval recs --tune} chose on HetRec's validation split (random split,
     * seed 1; README, "Accuracy"). The Config settings default to it.
     */
    public static final NeighbourScoring DEFAULT = new NeighbourScoring(1.5, 0.75, 0.05, false, false, 0.02, 0.02);

    public NeighbourScoring {
        if (!(similarityExponent > 0) || !(weightExponent >= 0) || !(popularityDamping >= 0)
                || !(friendWeight >= 0) || !(tagWeight >= 0) || Double.isInfinite(similarityExponent + weightExponent
                + popularityDamping + friendWeight + tagWeight)) {
            throw new IllegalArgumentException("need similarityExponent > 0 and weightExponent, popularityDamping, "
                    + "friendWeight, tagWeight >= 0, all finite: " + this.toStringOf(similarityExponent,
                    weightExponent, popularityDamping, friendWeight, tagWeight));
        }
    }

    private String toStringOf(double a, double b, double g, double f, double t) {
        return "similarityExponent=" + a + ", weightExponent=" + b + ", popularityDamping=" + g
                + ", friendWeight=" + f + ", tagWeight=" + t;
    }

    public NeighbourScoring withSimilarityExponent(double x) {
        return new NeighbourScoring(x, weightExponent, popularityDamping, normaliseSimilarities, normaliseRows,
                friendWeight, tagWeight);
    }

    public NeighbourScoring withWeightExponent(double x) {
        return new NeighbourScoring(similarityExponent, x, popularityDamping, normaliseSimilarities, normaliseRows,
                friendWeight, tagWeight);
    }

    public NeighbourScoring withPopularityDamping(double x) {
        return new NeighbourScoring(similarityExponent, weightExponent, x, normaliseSimilarities, normaliseRows,
                friendWeight, tagWeight);
    }

    public NeighbourScoring withNormaliseSimilarities(boolean x) {
        return new NeighbourScoring(similarityExponent, weightExponent, popularityDamping, x, normaliseRows,
                friendWeight, tagWeight);
    }

    public NeighbourScoring withNormaliseRows(boolean x) {
        return new NeighbourScoring(similarityExponent, weightExponent, popularityDamping, normaliseSimilarities, x,
                friendWeight, tagWeight);
    }

    public NeighbourScoring withFriendWeight(double x) {
        return new NeighbourScoring(similarityExponent, weightExponent, popularityDamping, normaliseSimilarities,
                normaliseRows, x, tagWeight);
    }

    public NeighbourScoring withTagWeight(double x) {
        return new NeighbourScoring(similarityExponent, weightExponent, popularityDamping, normaliseSimilarities,
                normaliseRows, friendWeight, x);
    }

    /** {@code s(u, v)} before the per-user normalisation. */
    float similarity(float cosine) {
        return similarityExponent == 1.0 ? cosine : (float) Math.pow(Math.max(0f, cosine), similarityExponent);
    }

    /**
     * The contributions {@code c(v, a)} aligned with the play columns; {@code weights} itself when they equal it
     * (β = 1 and no row normalisation). O(non-zeros).
     */
    float[] contributions(int[] rowStart, float[] weights) {
        if (weightExponent == 1.0 && !normaliseRows) {
            return weights;
        }
        float[] c = new float[weights.length];
        for (int u = 0; u + 1 < rowStart.length; u++) {
            double sum = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                c[i] = weightExponent == 1.0 ? weights[i] : (float) Math.pow(weights[i], weightExponent);
                sum += c[i];
            }
            if (normaliseRows && sum > 0) {
                for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                    c[i] = (float) (c[i] / sum);
                }
            }
        }
        return c;
    }

    /**
     * Per artist index, {@code listeners^-γ}; null when γ = 0 (no damping). O(artists).
     *
     * @param listeners every artist's listeners in the whole matrix, by artist index (a subset of rows must pass the
     *                  full matrix's counts, {@code MatrixTotals.listenersOf}, not its own)
     */
    float[] popularityFactors(int[] listeners) {
        if (popularityDamping == 0.0) {
            return null;
        }
        int artists = listeners.length;
        float[] factor = new float[artists];
        for (int a = 0; a < artists; a++) {
            factor[a] = (float) Math.pow(Math.max(1, listeners[a]), -popularityDamping);
        }
        return factor;
    }
}
