package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.neighbours.NeighbourLists;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;

/**
 * A neighbour source besides the play cosine, by user index of the play counts, in compressed rows: user
 * {@code u}'s neighbours are {@code neighbour[rowStart[u] .. rowStart[u+1])} with {@code weight} aligned. Built from
 * {@link UserRelations}: friends (weight 1 each) or the users closest by tag use (their tag cosine). Immutable.
 */
final class SideNeighbours {

    static final SideNeighbours EMPTY = new SideNeighbours(null, new int[0], new float[0]);

    private final int[] rowStart;
    private final int[] neighbour;
    private final float[] weight;

    private SideNeighbours(int[] rowStart, int[] neighbour, float[] weight) {
        this.rowStart = rowStart;
        this.neighbour = neighbour;
        this.weight = weight;
    }

    int from(int userIndex) {
        return rowStart == null ? 0 : rowStart[userIndex];
    }

    int to(int userIndex) {
        return rowStart == null ? 0 : rowStart[userIndex + 1];
    }

    /**
     * What each of the user's {@code s(u, v)} is multiplied by: λ, divided by their sum when the scoring normalises
     * similarities (the same in the ranking and in its explanation).
     */
    float scale(int userIndex, NeighbourScoring scoring, float lambda) {
        if (!scoring.normaliseSimilarities()) {
            return lambda;
        }
        double total = 0;
        for (int i = from(userIndex); i < to(userIndex); i++) {
            total += scoring.similarity(weight[i]);
        }
        return total > 0 ? (float) (lambda / total) : lambda;
    }

    int neighbourAt(int i) {
        return neighbour[i];
    }

    float weightAt(int i) {
        return weight[i];
    }

    /**
     * Both directions of every friendship whose two users have plays, each once; self-pairs are dropped.
     * O(pairs + users).
     */
    static SideNeighbours friends(PlayCounts counts, int[] users, int[] friends) {
        if (users.length == 0) {
            return EMPTY;
        }
        IdIndex ids = counts.userIds();
        LongOpenHashSet seen = new LongOpenHashSet(users.length * 2);
        int[] degree = new int[counts.users() + 1];
        long[] pairs = new long[users.length * 2];
        int n = 0;
        for (int i = 0; i < users.length; i++) {
            int u = ids.indexOf(users[i]);
            int f = ids.indexOf(friends[i]);
            if (u < 0 || f < 0 || u == f) {
                continue;
            }
            for (long pair : new long[] {(long) u << 32 | f, (long) f << 32 | u}) {
                if (seen.add(pair)) {
                    pairs[n++] = pair;
                    degree[(int) (pair >>> 32)]++;
                }
            }
        }
        Arrays.sort(pairs, 0, n);
        int[] rowStart = new int[counts.users() + 1];
        for (int u = 0; u < counts.users(); u++) {
            rowStart[u + 1] = rowStart[u] + degree[u];
        }
        int[] neighbour = new int[n];
        float[] weight = new float[n];
        for (int i = 0; i < n; i++) {
            neighbour[i] = (int) pairs[i];
            weight[i] = 1f;
        }
        return new SideNeighbours(rowStart, neighbour, weight);
    }

    /**
     * The tag neighbours of the users of {@code counts} from lists searched elsewhere (the tag matrix's own
     * {@code NeighbourLists}, by user id), kept in rank order when the neighbour has a row in {@code counts}: what
     * {@link #byTags} gives a user of the full matrix, provided {@code counts} holds the rows of all of that user's
     * tag neighbours that have plays. O(users · k).
     */
    static SideNeighbours fromLists(PlayCounts counts, NeighbourLists lists) {
        if (lists.users() == 0) {
            return EMPTY;
        }
        IdIndex playIds = counts.userIds();
        int[] rowStart = new int[counts.users() + 1];
        int[] neighbour = new int[counts.users() * lists.k()];
        float[] weight = new float[neighbour.length];
        int n = 0;
        for (int u = 0; u < counts.users(); u++) {
            int t = lists.positionOf(playIds.idAt(u));
            for (int r = 0; t >= 0 && r < lists.countAt(t); r++) {
                int v = playIds.indexOf(lists.neighbourIdAt(t, r));
                if (v >= 0) {
                    neighbour[n] = v;
                    weight[n++] = lists.similarityAt(t, r);
                }
            }
            rowStart[u + 1] = n;
        }
        return new SideNeighbours(rowStart, Arrays.copyOf(neighbour, n), Arrays.copyOf(weight, n));
    }

    /**
     * The {@code k} users closest by the cosine of their BM25-weighted tag-use vectors (the same exact search as the
     * play neighbours, on the users × tags matrix), kept when both users have plays. Cost: one neighbour search
     * over the tag matrix.
     */
    static SideNeighbours byTags(PlayCounts counts, PlayCounts tagUse, int k, int threads) {
        if (tagUse.nonZeros() == 0 || k == 0) {
            return EMPTY;
        }
        float[] weights = RowWeights.apply(tagUse, Weighting.BM25);
        NeighbourIndex index = NeighbourIndex.build(tagUse, weights, null, 0.0, k, threads);
        IdIndex playIds = counts.userIds();
        IdIndex tagIds = tagUse.userIds();
        int[] rowStart = new int[counts.users() + 1];
        int[] neighbour = new int[counts.users() * k];
        float[] weight = new float[neighbour.length];
        int n = 0;
        for (int u = 0; u < counts.users(); u++) {
            int t = tagIds.indexOf(playIds.idAt(u));
            for (int r = 0; t >= 0 && r < index.countOf(t); r++) {
                int v = playIds.indexOf(tagIds.idAt(index.neighbourAt(t, r)));
                if (v >= 0) {
                    neighbour[n] = v;
                    weight[n++] = index.similarityAt(t, r);
                }
            }
            rowStart[u + 1] = n;
        }
        return new SideNeighbours(rowStart, Arrays.copyOf(neighbour, n), Arrays.copyOf(weight, n));
    }
}
