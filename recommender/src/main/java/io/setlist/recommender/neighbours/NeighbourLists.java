package io.setlist.recommender.neighbours;

import io.setlist.recommender.interactions.IdIndex;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Top-k neighbour lists keyed by external user id (not by index), so that lists searched over different subsets of
 * the users can be merged: a partitioned search (Spark, {@code blocks} mode) searches each pair of user blocks with
 * the single-JVM {@link NeighbourIndex}, keeps each query user's top k among that pair's candidates
 * ({@link #of}), and {@link #merge}s the partial lists of a user into its exact global top k.
 *
 * <p>Why merging is exact: a user in the global top k of u is, in any candidate subset holding it, in that subset's
 * top k (whatever beats it there beats it globally), so the union of the partial lists holds the global top k; a
 * pair's similarity is the same float in every subset (the search sums u's artists in ascending order, and
 * subsets keep that order), and ties break by lower user id as in {@link NeighbourIndex} (user indexes are
 * ascending ids, in the full matrix and in every subset).
 *
 * <p>Layout: users ascending, {@code k} slots each (8 bytes a slot), {@code counts[i]} used. Immutable.
 */
public final class NeighbourLists implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int k;
    private final int[] userIds;
    private final int[] counts;
    private final int[] neighbourIds;
    private final float[] similarities;

    private NeighbourLists(int k, int[] userIds, int[] counts, int[] neighbourIds, float[] similarities) {
        this.k = k;
        this.userIds = userIds;
        this.counts = counts;
        this.neighbourIds = neighbourIds;
        this.similarities = similarities;
    }

    /** No users. */
    public static NeighbourLists empty(int k) {
        return new NeighbourLists(k, new int[0], new int[0], new int[0], new float[0]);
    }

    /**
     * The lists of the users with index {@code fromUser..toUser-1} of {@code index}, whose users are {@code users}
     * (the play counts it was built on). O((toUser − fromUser) k).
     */
    public static NeighbourLists of(NeighbourIndex index, IdIndex users, int fromUser, int toUser) {
        int n = toUser - fromUser;
        int k = index.k();
        int[] ids = new int[n];
        int[] counts = new int[n];
        int[] neighbours = new int[n * k];
        float[] sims = new float[n * k];
        for (int i = 0; i < n; i++) {
            int u = fromUser + i;
            ids[i] = users.idAt(u);
            counts[i] = index.countOf(u);
            for (int r = 0; r < counts[i]; r++) {
                neighbours[i * k + r] = users.idAt(index.neighbourAt(u, r));
                sims[i * k + r] = index.similarityAt(u, r);
            }
        }
        return new NeighbourLists(k, ids, counts, neighbours, sims);
    }

    public int k() {
        return k;
    }

    public int users() {
        return userIds.length;
    }

    public int userIdAt(int i) {
        return userIds[i];
    }

    public int countAt(int i) {
        return counts[i];
    }

    public int neighbourIdAt(int i, int rank) {
        return neighbourIds[i * k + rank];
    }

    public float similarityAt(int i, int rank) {
        return similarities[i * k + rank];
    }

    /** Position of {@code userId} in these lists, or −1. */
    public int positionOf(int userId) {
        int i = Arrays.binarySearch(userIds, userId);
        return i >= 0 ? i : -1;
    }

    /** The lists of the users whose id passes {@code keepUserId} (one block's users). O(users · k). */
    public NeighbourLists select(java.util.function.IntPredicate keepUserId) {
        int n = 0;
        int[] keep = new int[userIds.length];
        for (int i = 0; i < userIds.length; i++) {
            if (keepUserId.test(userIds[i])) {
                keep[n++] = i;
            }
        }
        int[] ids = new int[n];
        int[] outCounts = new int[n];
        int[] outNeighbours = new int[n * k];
        float[] outSims = new float[n * k];
        for (int j = 0; j < n; j++) {
            int i = keep[j];
            ids[j] = userIds[i];
            outCounts[j] = counts[i];
            System.arraycopy(neighbourIds, i * k, outNeighbours, j * k, counts[i]);
            System.arraycopy(similarities, i * k, outSims, j * k, counts[i]);
        }
        return new NeighbourLists(k, ids, outCounts, outNeighbours, outSims);
    }

    /**
     * The union of the users of both; a user in both gets the best k of its two lists (by similarity, then lower
     * id), a neighbour found by both counted once. O((users of both) k).
     */
    public NeighbourLists merge(NeighbourLists other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge lists of k " + k + " and " + other.k);
        }
        int[] ids = new int[userIds.length + other.userIds.length];
        int[] outCounts = new int[ids.length];
        int[] outNeighbours = new int[ids.length * k];
        float[] outSims = new float[ids.length * k];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < userIds.length || j < other.userIds.length) {
            if (j == other.userIds.length || (i < userIds.length && userIds[i] < other.userIds[j])) {
                ids[n] = userIds[i];
                outCounts[n] = counts[i];
                System.arraycopy(neighbourIds, i * k, outNeighbours, n * k, counts[i]);
                System.arraycopy(similarities, i * k, outSims, n * k, counts[i]);
                i++;
            } else if (i == userIds.length || other.userIds[j] < userIds[i]) {
                ids[n] = other.userIds[j];
                outCounts[n] = other.counts[j];
                System.arraycopy(other.neighbourIds, j * k, outNeighbours, n * k, other.counts[j]);
                System.arraycopy(other.similarities, j * k, outSims, n * k, other.counts[j]);
                j++;
            } else {
                ids[n] = userIds[i];
                outCounts[n] = mergeOne(i, other, j, outNeighbours, outSims, n * k);
                i++;
                j++;
            }
            n++;
        }
        return new NeighbourLists(k, Arrays.copyOf(ids, n), Arrays.copyOf(outCounts, n),
                Arrays.copyOf(outNeighbours, n * k), Arrays.copyOf(outSims, n * k));
    }

    /** Merges two best-first lists of one user into {@code at..}: a merge sort on (similarity desc, id asc). */
    private int mergeOne(int i, NeighbourLists other, int j, int[] outNeighbours, float[] outSims, int at) {
        int a = i * k;
        int aEnd = a + counts[i];
        int b = j * other.k;
        int bEnd = b + other.counts[j];
        int n = 0;
        while (n < k && (a < aEnd || b < bEnd)) {
            boolean takeA;
            if (b == bEnd) {
                takeA = true;
            } else if (a == aEnd) {
                takeA = false;
            } else if (neighbourIds[a] == other.neighbourIds[b]) {
                b++; // the same pair from two subsets: the same similarity, kept once
                continue;
            } else {
                takeA = similarities[a] > other.similarities[b]
                        || (similarities[a] == other.similarities[b] && neighbourIds[a] < other.neighbourIds[b]);
            }
            if (takeA) {
                outNeighbours[at + n] = neighbourIds[a];
                outSims[at + n++] = similarities[a++];
            } else {
                outNeighbours[at + n] = other.neighbourIds[b];
                outSims[at + n++] = other.similarities[b++];
            }
        }
        return n;
    }

    /**
     * The lists of those of {@code users} (a subset's user ids, by index) that these lists hold, as a
     * {@link NeighbourIndex} over that subset; users without a list get none.
     *
     * @throws IllegalArgumentException if a neighbour of a listed user is not in {@code users}: the caller must
     *                                  ship every neighbour's row with the users it ranks
     */
    public NeighbourIndex toIndex(IdIndex users) {
        int[] outCounts = new int[users.size()];
        int[] outNeighbours = new int[users.size() * k];
        float[] outSims = new float[outNeighbours.length];
        for (int u = 0; u < users.size(); u++) {
            int i = positionOf(users.idAt(u));
            if (i < 0) {
                continue;
            }
            for (int r = 0; r < counts[i]; r++) {
                int v = users.indexOf(neighbourIds[i * k + r]);
                if (v < 0) {
                    throw new IllegalArgumentException("neighbour " + neighbourIds[i * k + r] + " of user "
                            + userIds[i] + " has no row in the subset");
                }
                outNeighbours[u * k + r] = v;
                outSims[u * k + r] = similarities[i * k + r];
            }
            outCounts[u] = counts[i];
        }
        return NeighbourIndex.ofSlots(k, outNeighbours, outSims, outCounts);
    }

    /** Bytes of the arrays (what the lists cost in a shuffle, before serialisation overhead): 8 + 8 k a user. */
    public long payloadBytes() {
        return 8L * userIds.length + 8L * neighbourIds.length;
    }
}
