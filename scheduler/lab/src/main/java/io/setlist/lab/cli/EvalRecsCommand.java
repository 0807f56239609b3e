package io.setlist.lab.cli;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.lab.evaluation.DatasetReader;
import io.setlist.lab.evaluation.Interactions;
import io.setlist.lab.evaluation.OfflineEvaluation;
import io.setlist.lab.evaluation.ScoringTuning;
import io.setlist.lab.evaluation.UserRelationRows;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.lab.evaluation.SetlistModels;
import io.setlist.lab.evaluation.Split;
import io.setlist.lab.evaluation.TopNModel;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.lab.librec.LibRecUserKnn;
import io.setlist.lab.librec.SyntheticInteractions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "recs", mixinStandardHelpOptions = true,
        description = "Precision, recall, nDCG and MAP at k, user and catalog coverage of the daily job "
                + "(setlist-knn-bm25-tuned), Setlist KNN (each weighting, plain scoring), global and segment popularity "
                + "and LibRec 2.0.0 UserKNN (bcos), all on the same split.")
final class EvalRecsCommand implements Callable<Integer> {
    /** LibRec builds a users × users matrix: above this many users "auto" leaves it out. */
    static final int LIBREC_AUTO_MAX_USERS = 5_000;

    @Option(names = "--data", description = "Data directory (see --source for the files it must hold).")
    Path data;

    @Option(names = "--source", required = true,
            description = "hetrec-lastfm | lastfm-360k | pozytywka (with --data), or synthetic (with --users).")
    String source;

    @Option(names = "--users", defaultValue = "5000",
            description = "Users of the in-memory Last.fm-360K-shaped sample for --source synthetic (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--split", defaultValue = "random", description = "random | user-holdout (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--k", defaultValue = "10", description = "List length evaluated (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and of LibRec (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--neighbours", defaultValue = "50", description = "k of the user neighbourhood of LibRec and of "
            + "the plain Setlist rows; the -tuned row uses the daily job's k (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--librec", defaultValue = "auto",
            description = "on | off | auto: LibRec only up to " + LIBREC_AUTO_MAX_USERS + " users (default: ${DEFAULT-VALUE}).")
    String librec;

    @Option(names = "--max-postings", defaultValue = "0",
            description = "0 = exact (default). N > 0 adds APPROXIMATE Setlist KNN rows (-capN) whose artists with more "
                    + "than N listeners are matched only through their N heaviest listeners.")
    int maxPostings;

    @Option(names = "--format", defaultValue = "table", description = "table | json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--tune", description = "Choose the scoring settings (exponents, popularity damping, "
            + "normalisation, friend and tag weights, weighting, k) on a validation split carved out of the training "
            + "rows, print the search, then score the chosen settings once on the test rows (as setlist-knn-*-tuned).")
    boolean tune;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        if (!List.of("on", "off", "auto").contains(librec)) {
            throw new IllegalArgumentException("--librec must be on, off or auto, got '" + librec + "'");
        }
        if (k < 1 || neighbours < 1) {
            throw new IllegalArgumentException("--k and --neighbours must be >= 1");
        }
        Split kind = Split.parse(split);
        Interactions interactions;
        if (source.equals("synthetic")) {
            interactions = SyntheticInteractions.of(SyntheticListening.generate(users, seed));
        } else {
            if (data == null) {
                throw new IllegalArgumentException("--data is required for --source " + source);
            }
            interactions = DatasetReader.read(source, data);
        }
        if (!interactions.rejected().isEmpty()) {
            System.err.printf("%d rows rejected, first: %s%n", interactions.rejected().size(), interactions.rejected().get(0));
        }
        UserRelationRows relations = data == null ? UserRelationRows.NONE : UserRelationRows.read(interactions, data);
        if (!relations.rejected().isEmpty()) {
            System.err.printf("%d friendship or tag rows rejected, first: %s%n", relations.rejected().size(),
                    relations.rejected().get(0));
        }
        boolean[] testRows = kind.testRows(interactions, null, seed);
        OfflineEvaluation evaluation = new OfflineEvaluation(interactions, null, testRows);

        RecommenderSettings base = RecommenderSettings.defaults().withNeighbours(neighbours);
        List<TopNModel> models = new ArrayList<>();
        // the daily job's shipped defaults (Config), unless --tune chooses others
        RecommenderSettings daily = base.withWeighting(Weighting.BM25)
                .withNeighbours(RecommenderSettings.TUNED_NEIGHBOURS).withScoring(NeighbourScoring.DEFAULT);
        if (tune) {
            boolean[] trainRows = new boolean[testRows.length];
            for (int i = 0; i < trainRows.length; i++) {
                trainRows[i] = !testRows[i];
            }
            daily = ScoringTuning.tune(interactions, relations, trainRows, kind, seed,
                    base.withWeighting(Weighting.BM25), k, System.out::println).chosen();
        }
        models.add(SetlistModels.knn(daily, relations));
        for (Weighting w : Weighting.values()) {
            models.add(SetlistModels.knn(base.withWeighting(w)));
        }
        if (maxPostings > 0) {
            for (Weighting w : Weighting.values()) {
                models.add(SetlistModels.knn(base.withWeighting(w).withMaxPostingsPerArtist(maxPostings)));
            }
        }
        models.add(SetlistModels.globalPopularity());
        models.add(SetlistModels.segmentPopularity());
        boolean withLibRec = librec.equals("on")
                || (librec.equals("auto") && interactions.users().length <= LIBREC_AUTO_MAX_USERS);
        if (withLibRec) {
            models.add(new LibRecUserKnn(neighbours, seed));
        } else if (librec.equals("auto")) {
            System.err.printf("LibRec left out: %,d users > %,d (it is quadratic in users); --librec on forces it%n",
                    interactions.users().length, LIBREC_AUTO_MAX_USERS);
        }
        List<OfflineEvaluation.Result> results = new ArrayList<>();
        for (TopNModel model : models) {
            System.err.printf("evaluating %s ...%n", model.name());
            results.add(evaluation.evaluate(model, k));
        }
        print(interactions, evaluation, results);
        return 0;
    }

    private void print(Interactions interactions, OfflineEvaluation evaluation, List<OfflineEvaluation.Result> results) {
        if (format.equals("json")) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "{\"source\":\"%s\",\"split\":\"%s\",\"k\":%d,\"seed\":%d,\"users\":%d,"
                            + "\"rows\":%d,\"testUsers\":%d,\"results\":[", interactions.source(), split, k, seed,
                    interactions.users().length, interactions.rows(), evaluation.testUsers().length));
            for (int i = 0; i < results.size(); i++) {
                OfflineEvaluation.Result r = results.get(i);
                sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"model\":\"%s\",\"precision\":%.5f,\"recall\":%.5f,\"ndcg\":%.5f,\"map\":%.5f,"
                                + "\"userCoverage\":%.4f,\"catalogCoverage\":%.4f,\"seconds\":%.2f}",
                        r.model(), r.precision(), r.recall(), r.ndcg(), r.map(), r.userCoverage(),
                        r.catalogCoverage(), r.seconds()));
            }
            System.out.println(sb.append("]}"));
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %,d users, %,d rows, %s split (seed %d), %,d test users, k=%d%n",
                interactions.source(), interactions.users().length, interactions.rows(), split, seed,
                evaluation.testUsers().length, k);
        System.out.printf(Locale.ROOT, "%-24s %8s %8s %8s %8s %9s %9s %8s%n", "model", "P@" + k, "R@" + k,
                "nDCG@" + k, "MAP@" + k, "user cov", "catalog", "seconds");
        for (OfflineEvaluation.Result r : results) {
            System.out.printf(Locale.ROOT, "%-24s %8.4f %8.4f %8.4f %8.4f %9.3f %9.4f %8.1f%n", r.model(),
                    r.precision(), r.recall(), r.ndcg(), r.map(), r.userCoverage(), r.catalogCoverage(), r.seconds());
        }
    }
}
