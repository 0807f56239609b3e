package io.setlist.recommender.interactions;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the row weights and the popularity damping need from the <em>whole</em> play matrix, however few of its rows
 * a machine holds: every artist's listener count, the number of users with plays and their total plays. O(artists)
 * in size, never O(plays): a partitioned run (Spark, {@code blocks} mode) sums the totals of its blocks
 * ({@link #plus}) and ships them to every task, which then weighs any subset of rows exactly as the full matrix
 * would ({@link RowWeights#apply(PlayCounts, Weighting, MatrixTotals)}).
 *
 * <p>Invariant: {@code listeners} is aligned with {@code artistIds} (ascending ids). Immutable.
 */
public final class MatrixTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    private final IdIndex artistIds;
    private final int[] listeners;
    private final int users;
    /** Σ plays; play counts are whole numbers, so any summation order gives this exact double (below 2^53). */
    private final double allPlays;

    private MatrixTotals(IdIndex artistIds, int[] listeners, int users, double allPlays) {
        this.artistIds = artistIds;
        this.listeners = listeners;
        this.users = users;
        this.allPlays = allPlays;
    }

    /** The totals of {@code counts} alone: O(non-zeros). */
    public static MatrixTotals of(PlayCounts counts) {
        int[] listeners = new int[counts.artists()];
        double allPlays = 0;
        int[] columns = counts.columns();
        float[] plays = counts.plays();
        for (int i = 0; i < columns.length; i++) {
            listeners[columns[i]]++;
            allPlays += plays[i];
        }
        return new MatrixTotals(counts.artistIds(), listeners, counts.users(), allPlays);
    }

    /**
     * The totals of two matrices over <b>disjoint</b> users (two user blocks): listener counts add per artist.
     * O(artists of both).
     */
    public MatrixTotals plus(MatrixTotals other) {
        int[] a = artistIds.toArray();
        int[] b = other.artistIds.toArray();
        int[] ids = new int[a.length + b.length];
        int[] sum = new int[ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                ids[n] = a[i];
                sum[n++] = listeners[i++];
            } else if (i == a.length || b[j] < a[i]) {
                ids[n] = b[j];
                sum[n++] = other.listeners[j++];
            } else {
                ids[n] = a[i];
                sum[n++] = listeners[i++] + other.listeners[j++];
            }
        }
        return new MatrixTotals(IdIndex.ofSortedUnique(Arrays.copyOf(ids, n)), Arrays.copyOf(sum, n),
                users + other.users, allPlays + other.allPlays);
    }

    /** Users with at least one play. */
    public int users() {
        return users;
    }

    public double allPlays() {
        return allPlays;
    }

    /** Every artist with a listener, ascending. */
    public IdIndex artistIds() {
        return artistIds;
    }

    /**
     * Listener counts of the artists of {@code subset} (a {@link PlayCounts#artistIds()}), by its artist index.
     *
     * @throws IllegalArgumentException if an artist of the subset is not in these totals (they were summed over
     *                                  other data)
     */
    public int[] listenersOf(IdIndex subset) {
        int[] out = new int[subset.size()];
        for (int a = 0; a < out.length; a++) {
            int g = artistIds.indexOf(subset.idAt(a));
            if (g < 0) {
                throw new IllegalArgumentException("artist " + subset.idAt(a) + " is not in the matrix totals");
            }
            out[a] = listeners[g];
        }
        return out;
    }

    @Override
    public String toString() {
        return "MatrixTotals[artists=" + listeners.length + ", users=" + users + ", plays=" + (long) allPlays + "]";
    }
}
