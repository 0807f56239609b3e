package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.recommender.ranking.RecommenderSettings;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Chooses the daily job's recommender settings on a validation split carved out of the training rows
 * ({@link Split#testRows} over the training rows only), by coordinate descent over small grids: each round tries
 * every value of one setting with the others fixed and keeps the best validation nDCG@k, setting after setting,
 * until a round changes nothing (at most {@link #MAX_ROUNDS}). The test rows are never read here.
 *
 * <p>Cost: one full run of the daily job's code on the validation split per grid point (about 30 points a round);
 * on HetRec (1,892 users) a run is a fraction of a second, so a tuning takes well under a minute.
 */
public final class ScoringTuning {

    static final int MAX_ROUNDS = 3;
    /** Added to the split seed for the validation split, so it differs from the test split's draw. */
    public static final long VALIDATION_SEED_OFFSET = 1_000;

    /** One setting: its name, its grid, how it is read and written. */
    private record Knob(String name, List<Object> grid, Function<RecommenderSettings, Object> get,
                        BiFunction<RecommenderSettings, Object, RecommenderSettings> set) {
    }

    private static final List<Knob> KNOBS = List.of(
            new Knob("weighting", List.of(Weighting.LOG, Weighting.BM25), RecommenderSettings::weighting,
                    (s, v) -> s.withWeighting((Weighting) v)),
            new Knob("neighbours", List.of(25, 50, 100, 200), RecommenderSettings::neighbours,
                    (s, v) -> s.withNeighbours((Integer) v)),
            new Knob("similarity-exponent", List.of(0.5, 1.0, 1.5, 2.0, 3.0, 4.0),
                    s -> s.scoring().similarityExponent(),
                    (s, v) -> s.withScoring(s.scoring().withSimilarityExponent((Double) v))),
            new Knob("weight-exponent", List.of(0.0, 0.25, 0.5, 0.75, 1.0), s -> s.scoring().weightExponent(),
                    (s, v) -> s.withScoring(s.scoring().withWeightExponent((Double) v))),
            new Knob("popularity-damping", List.of(0.0, 0.05, 0.1, 0.2, 0.3, 0.5),
                    s -> s.scoring().popularityDamping(),
                    (s, v) -> s.withScoring(s.scoring().withPopularityDamping((Double) v))),
            new Knob("normalise-similarities", List.of(false, true), s -> s.scoring().normaliseSimilarities(),
                    (s, v) -> s.withScoring(s.scoring().withNormaliseSimilarities((Boolean) v))),
            new Knob("normalise-rows", List.of(false, true), s -> s.scoring().normaliseRows(),
                    (s, v) -> s.withScoring(s.scoring().withNormaliseRows((Boolean) v))),
            new Knob("friend-weight", List.of(0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0), s -> s.scoring().friendWeight(),
                    (s, v) -> s.withScoring(s.scoring().withFriendWeight((Double) v))),
            new Knob("tag-weight", List.of(0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0), s -> s.scoring().tagWeight(),
                    (s, v) -> s.withScoring(s.scoring().withTagWeight((Double) v))));

    /** The chosen settings and their validation nDCG, and the starting point's. */
    public record Result(RecommenderSettings chosen, double validationNdcg, double startValidationNdcg,
                         int validationUsers, int evaluations) {
    }

    private ScoringTuning() {
    }

    /**
     * @param trainRows the outer split's training rows (the test rows are excluded by the caller and never passed)
     * @param log       receives one line per grid point and per choice
     */
    public static Result tune(Interactions data, UserRelationRows relations, boolean[] trainRows, Split split,
                              long seed, RecommenderSettings start, int k, Consumer<String> log) {
        boolean[] validation = split.testRows(data, trainRows, seed + VALIDATION_SEED_OFFSET);
        OfflineEvaluation onValidation = new OfflineEvaluation(data, trainRows, validation);
        RecommenderSettings best = start;
        double bestNdcg = ndcg(onValidation, best, relations, k);
        double startNdcg = bestNdcg;
        int evaluations = 1;
        log.accept(String.format(Locale.ROOT, "validation: %,d users; start %s -> nDCG@%d %.4f",
                onValidation.testUsers().length, describe(best), k, bestNdcg));
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Knob knob : KNOBS) {
                Object current = knob.get().apply(best);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %-22s", round, knob.name()));
                for (Object value : knob.grid()) {
                    if (value.equals(current)) {
                        line.append(String.format(Locale.ROOT, " %s=%.4f", value, bestNdcg));
                        continue;
                    }
                    RecommenderSettings candidate = knob.set().apply(best, value);
                    double ndcg = ndcg(onValidation, candidate, relations, k);
                    evaluations++;
                    line.append(String.format(Locale.ROOT, " %s=%.4f", value, ndcg));
                    if (ndcg > bestNdcg + 1e-9) {
                        best = candidate;
                        bestNdcg = ndcg;
                        changed = true;
                    }
                }
                log.accept(line.append("  -> ").append(knob.get().apply(best)).toString());
            }
            if (!changed) {
                break;
            }
        }
        log.accept(String.format(Locale.ROOT, "chosen on validation: %s -> nDCG@%d %.4f (start %.4f)",
                describe(best), k, bestNdcg, startNdcg));
        return new Result(best, bestNdcg, startNdcg, onValidation.testUsers().length, evaluations);
    }

    private static double ndcg(OfflineEvaluation e, RecommenderSettings s, UserRelationRows relations, int k) {
        return e.evaluate(SetlistModels.knn(s, relations), k).ndcg();
    }

    /** The tuned settings as one line, in the Config variables' terms. */
    public static String describe(RecommenderSettings s) {
        NeighbourScoring c = s.scoring();
        return String.format(Locale.ROOT, "weighting=%s neighbours=%d similarity-exponent=%s weight-exponent=%s "
                        + "popularity-damping=%s normalise-similarities=%s normalise-rows=%s friend-weight=%s "
                        + "tag-weight=%s", s.weighting().name().toLowerCase(Locale.ROOT), s.neighbours(),
                c.similarityExponent(), c.weightExponent(), c.popularityDamping(), c.normaliseSimilarities(),
                c.normaliseRows(), c.friendWeight(), c.tagWeight());
    }
}
