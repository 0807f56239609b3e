package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.Weighting;

/**
 * Knobs of {@link UserKnnRecommender}.
 *
 * @param weighting             how play counts become row weights
 * @param neighbours            k, neighbours per user (default 50)
 * @param topN                  artists per user (default 100)
 * @param profileWeight         share of profile similarity in the neighbour similarity, in [0, 1] (default 0.1)
 * @param minPlaysForNeighbours users with fewer distinct artists get the segment fallback instead (default 3):
 *                              one or two artists give a cosine that is mostly noise
 * @param threads               threads for the neighbour search (default: available processors)
 * @param maxPostingsPerArtist  0 (default) for the exact search; otherwise an APPROXIMATION: an artist with more
 *                              listeners than this is matched only through the listeners who weight it most
 *                              (see {@code InvertedIndex}); its quality cost is measured in the README
 * @param scoring               how neighbours become artist scores (exponents, popularity damping, normalisation,
 *                              friends and tag sources); {@link NeighbourScoring#PLAIN} by default
 */
public record RecommenderSettings(Weighting weighting, int neighbours, int topN, double profileWeight,
                                  int minPlaysForNeighbours, int threads, int maxPostingsPerArtist,
                                  NeighbourScoring scoring) {

    /** Exact search, plain scoring. */
    public RecommenderSettings(Weighting weighting, int neighbours, int topN, double profileWeight,
                               int minPlaysForNeighbours, int threads) {
        this(weighting, neighbours, topN, profileWeight, minPlaysForNeighbours, threads, 0);
    }

    /** Plain scoring. */
    public RecommenderSettings(Weighting weighting, int neighbours, int topN, double profileWeight,
                               int minPlaysForNeighbours, int threads, int maxPostingsPerArtist) {
        this(weighting, neighbours, topN, profileWeight, minPlaysForNeighbours, threads, maxPostingsPerArtist,
                NeighbourScoring.PLAIN);
    }

    public RecommenderSettings {
        if (weighting == null || scoring == null) {
            throw new IllegalArgumentException("weighting and scoring are required");
        }
        if (neighbours < 0 || topN < 0 || minPlaysForNeighbours < 0 || threads < 1) {
            throw new IllegalArgumentException("need neighbours, topN, minPlaysForNeighbours >= 0 and threads >= 1: "
                    + neighbours + ", " + topN + ", " + minPlaysForNeighbours + ", " + threads);
        }
        if (maxPostingsPerArtist < 0) {
            throw new IllegalArgumentException("maxPostingsPerArtist must be >= 0 (0 = exact), got " + maxPostingsPerArtist);
        }
        if (!(profileWeight >= 0.0 && profileWeight <= 1.0)) {
            throw new IllegalArgumentException("profileWeight must be in [0, 1], got " + profileWeight);
        }
    }

    /** The daily job's k: what {@code eval recs --tune} chose with {@link NeighbourScoring#DEFAULT}. */
    public static final int TUNED_NEIGHBOURS = 100;

    /** NORMALISED (the seed's weighting), k=50, top 100, profile weight 0.1, min 3 artists, all cores. */
    public static RecommenderSettings defaults() {
        return new RecommenderSettings(Weighting.NORMALISED, 50, 100, 0.1, 3,
                Runtime.getRuntime().availableProcessors());
    }

    public RecommenderSettings withWeighting(Weighting w) {
        return new RecommenderSettings(w, neighbours, topN, profileWeight, minPlaysForNeighbours, threads, maxPostingsPerArtist, scoring);
    }

    public RecommenderSettings withTopN(int n) {
        return new RecommenderSettings(weighting, neighbours, n, profileWeight, minPlaysForNeighbours, threads, maxPostingsPerArtist, scoring);
    }

    public RecommenderSettings withNeighbours(int k) {
        return new RecommenderSettings(weighting, k, topN, profileWeight, minPlaysForNeighbours, threads, maxPostingsPerArtist, scoring);
    }

    public RecommenderSettings withProfileWeight(double w) {
        return new RecommenderSettings(weighting, neighbours, topN, w, minPlaysForNeighbours, threads, maxPostingsPerArtist, scoring);
    }

    public RecommenderSettings withMaxPostingsPerArtist(int cap) {
        return new RecommenderSettings(weighting, neighbours, topN, profileWeight, minPlaysForNeighbours, threads, cap, scoring);
    }

    public RecommenderSettings withThreads(int t) {
        return new RecommenderSettings(weighting, neighbours, topN, profileWeight, minPlaysForNeighbours, t, maxPostingsPerArtist, scoring);
    }

    public RecommenderSettings withScoring(NeighbourScoring x) {
        return new RecommenderSettings(weighting, neighbours, topN, profileWeight, minPlaysForNeighbours, threads,
                maxPostingsPerArtist, x);
    }
}
