package io.setlist.lab.evaluation;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;

/**
 * Top-k accuracy of recommendation lists against held-out artists, averaged over test users (binary relevance).
 *
 * <ul>
 *   <li>precision@k = hits / k; recall@k = hits / |relevant|</li>
 *   <li>nDCG@k = Σ_{hit at rank i (0-based)} 1/log2(i+2) divided by the same sum for a perfect list of
 *       min(k, |relevant|) hits</li>
 *   <li>AP@k = Σ_{hit at rank i} precision@(i+1) / min(k, |relevant|); MAP@k is its mean</li>
 *   <li>user coverage: share of test users with a non-empty list; catalog coverage: distinct artists in all
 *       lists / artists in the training data</li>
 * </ul>
 * A list longer than k is cut at k. A user with an empty list scores 0 on every accuracy metric.
 */
public final class RankingMetrics {

    private final int k;
    private final int catalogSize;
    private final IntSet recommended = new IntOpenHashSet();
    private double precision;
    private double recall;
    private double ndcg;
    private double averagePrecision;
    private int users;
    private int covered;

    public RankingMetrics(int k, int catalogSize) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.catalogSize = catalogSize;
    }

    /** Adds one test user's list (best first) and the set of artists they actually played in the test rows. */
    public void add(int[] list, IntSet relevant) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a test user needs at least one relevant artist");
        }
        users++;
        int n = Math.min(k, list.length);
        if (n > 0) {
            covered++;
        }
        int hits = 0;
        double dcg = 0;
        double apSum = 0;
        for (int i = 0; i < n; i++) {
            recommended.add(list[i]);
            if (relevant.contains(list[i])) {
                hits++;
                dcg += 1.0 / log2(i + 2);
                apSum += (double) hits / (i + 1);
            }
        }
        int ideal = Math.min(k, relevant.size());
        double idcg = 0;
        for (int i = 0; i < ideal; i++) {
            idcg += 1.0 / log2(i + 2);
        }
        precision += (double) hits / k;
        recall += (double) hits / relevant.size();
        ndcg += dcg / idcg;
        averagePrecision += apSum / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public int users() {
        return users;
    }

    public double precision() {
        return users == 0 ? 0 : precision / users;
    }

    public double recall() {
        return users == 0 ? 0 : recall / users;
    }

    public double ndcg() {
        return users == 0 ? 0 : ndcg / users;
    }

    public double map() {
        return users == 0 ? 0 : averagePrecision / users;
    }

    public double userCoverage() {
        return users == 0 ? 0 : (double) covered / users;
    }

    public double catalogCoverage() {
        return catalogSize == 0 ? 0 : (double) recommended.size() / catalogSize;
    }
}
