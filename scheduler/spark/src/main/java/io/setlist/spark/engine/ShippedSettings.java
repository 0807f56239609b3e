package io.setlist.spark.engine;

import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.recommender.ranking.RecommenderSettings;

import java.io.Serializable;

/** {@link RecommenderSettings} in a form that travels to executors (the record is not {@link Serializable}). */
record ShippedSettings(String weighting, int neighbours, int topN, double profileWeight, int minPlaysForNeighbours,
                       int maxPostingsPerArtist, double[] scoring, boolean[] normalises) implements Serializable {

    static ShippedSettings of(RecommenderSettings s) {
        NeighbourScoring sc = s.scoring();
        return new ShippedSettings(s.weighting().name(), s.neighbours(), s.topN(), s.profileWeight(),
                s.minPlaysForNeighbours(), s.maxPostingsPerArtist(), new double[]{sc.similarityExponent(),
                sc.weightExponent(), sc.popularityDamping(), sc.friendWeight(), sc.tagWeight()},
                new boolean[]{sc.normaliseSimilarities(), sc.normaliseRows()});
    }

    /** The settings, searching on {@code threads} threads (one a task: a task runs on one core). */
    RecommenderSettings settings(int threads) {
        return new RecommenderSettings(Weighting.valueOf(weighting), neighbours, topN, profileWeight,
                minPlaysForNeighbours, threads, maxPostingsPerArtist, new NeighbourScoring(scoring[0], scoring[1],
                scoring[2], normalises[0], normalises[1], scoring[3], scoring[4]));
    }
}
