package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.PlayCounts;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several {@link TopNModel}s on one train/test split and scores them with the same {@link RankingMetrics}.
 * Test users are the users with at least one test row; their relevant artists are their test rows' artists.
 */
public final class OfflineEvaluation {

    /** One model's scores. */
    public record Result(String model, int users, double precision, double recall, double ndcg, double map,
                         double userCoverage, double catalogCoverage, double seconds) {
    }

    private final Interactions data;
    private final boolean[] testRows;
    private final boolean[] trainRows;
    private final PlayCounts train;
    private final int[] testUsers;
    private final IntSet[] relevant;

    /**
     * @param trainRows rows the models may learn from (null = every row that is not a test row)
     * @param testRows  the held-out rows
     */
    public OfflineEvaluation(Interactions data, boolean[] trainRows, boolean[] testRows) {
        this.data = data;
        this.testRows = testRows;
        this.trainRows = new boolean[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            this.trainRows[i] = !testRows[i] && (trainRows == null || trainRows[i]);
        }
        this.train = data.playCounts(this.trainRows);
        Int2ObjectOpenHashMap<IntSet> byUser = new Int2ObjectOpenHashMap<>();
        for (int i = 0; i < data.rows(); i++) {
            if (testRows[i]) {
                byUser.computeIfAbsent(data.rowUser()[i], u -> new IntOpenHashSet()).add(data.rowArtist()[i]);
            }
        }
        this.testUsers = byUser.keySet().toIntArray();
        java.util.Arrays.sort(testUsers);
        this.relevant = new IntSet[testUsers.length];
        for (int i = 0; i < testUsers.length; i++) {
            relevant[i] = byUser.get(testUsers[i]);
        }
    }

    public PlayCounts train() {
        return train;
    }

    public boolean[] trainRows() {
        return trainRows.clone();
    }

    public int[] testUsers() {
        return testUsers.clone();
    }

    public Result evaluate(TopNModel model, int k) {
        long start = System.nanoTime();
        int[][] lists = model.recommend(train, data, testUsers.clone(), k);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (lists.length != testUsers.length) {
            throw new IllegalStateException(model.name() + " returned " + lists.length + " lists for "
                    + testUsers.length + " test users");
        }
        RankingMetrics metrics = new RankingMetrics(k, train.artists());
        for (int i = 0; i < testUsers.length; i++) {
            metrics.add(lists[i] == null ? new int[0] : lists[i], relevant[i]);
        }
        return new Result(model.name(), metrics.users(), metrics.precision(), metrics.recall(), metrics.ndcg(),
                metrics.map(), metrics.userCoverage(), metrics.catalogCoverage(), seconds);
    }

    public List<Result> evaluateAll(List<TopNModel> models, int k) {
        List<Result> results = new ArrayList<>();
        for (TopNModel m : models) {
            results.add(evaluate(m, k));
        }
        return results;
    }
}
