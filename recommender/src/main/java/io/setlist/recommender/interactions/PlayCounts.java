package io.setlist.recommender.interactions;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Users × artists play counts in compressed sparse rows (CSR).
 *
 * <p>Row {@code u} (a user index) spans {@code columns()[rowStart()[u] .. rowStart()[u+1])}; the columns
 * are artist indexes in ascending order and {@code plays()} holds the raw (summed) counts aligned with
 * them. Every stored user has at least one artist and every stored artist at least one listener,
 * because the id indexes are built from the observed pairs.
 *
 * <p>The accessors return the internal arrays without copying, since the algorithms stream over them
 * millions of times; callers must treat them as read-only.
 */
public final class PlayCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final IdIndex userIds;
    private final IdIndex artistIds;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] plays;

    PlayCounts(IdIndex userIds, IdIndex artistIds, int[] rowStart, int[] columns, float[] plays) {
        this.userIds = userIds;
        this.artistIds = artistIds;
        this.rowStart = rowStart;
        this.columns = columns;
        this.plays = plays;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int users() {
        return userIds.size();
    }

    public int artists() {
        return artistIds.size();
    }

    public IdIndex userIds() {
        return userIds;
    }

    public IdIndex artistIds() {
        return artistIds;
    }

    /** Row offsets, length {@code users() + 1}. */
    public int[] rowStart() {
        return rowStart;
    }

    /** Artist indexes, ascending within each row. */
    public int[] columns() {
        return columns;
    }

    /** Raw play counts aligned with {@link #columns()}. */
    public float[] plays() {
        return plays;
    }

    public long nonZeros() {
        return columns.length;
    }

    /** Number of distinct artists of a user. */
    public int rowLength(int userIndex) {
        return rowStart[userIndex + 1] - rowStart[userIndex];
    }

    /**
     * The rows of the users whose id passes {@code keepUserId}, as a matrix of their own (artists: those they
     * play). User and artist indexes of the result are ascending ids too, so their order agrees with this one's.
     * O(non-zeros of the kept rows · log).
     */
    public PlayCounts select(IntPredicate keepUserId) {
        Builder b = builder();
        for (int u = 0; u < users(); u++) {
            int id = userIds.idAt(u);
            if (keepUserId.test(id)) {
                for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                    b.add(id, artistIds.idAt(columns[i]), (int) plays[i]);
                }
            }
        }
        return b.build();
    }

    /** The rows of all {@code parts}, whose users must be disjoint (user blocks). O(non-zeros · log). */
    public static PlayCounts union(List<PlayCounts> parts) {
        Builder b = builder();
        for (PlayCounts p : parts) {
            for (int u = 0; u < p.users(); u++) {
                int id = p.userIds.idAt(u);
                for (int i = p.rowStart[u]; i < p.rowStart[u + 1]; i++) {
                    b.add(id, p.artistIds.idAt(p.columns[i]), (int) p.plays[i]);
                }
            }
        }
        PlayCounts union = b.build();
        long rows = 0;
        for (PlayCounts p : parts) {
            rows += p.nonZeros();
        }
        if (union.nonZeros() != rows) {
            throw new IllegalArgumentException("parts share users: " + rows + " rows became " + union.nonZeros());
        }
        return union;
    }

    @Override
    public String toString() {
        return "PlayCounts[users=" + users() + ", artists=" + artists() + ", nonZeros=" + nonZeros() + "]";
    }

    /**
     * Collects (user, artist, plays) triples in three growable {@code int[]} (12 bytes per triple, no
     * boxing), then sorts them into CSR in {@link #build()}. At 17.5M input rows the peak is roughly
     * 5 ints + 1 float per triple during the build.
     *
     * <p>Single use: {@link #build()} hands the collected data to the result and empties the builder.
     */
    public static final class Builder {

        private static final int INITIAL_CAPACITY = 1 << 10;

        private int[] userIdOf = new int[INITIAL_CAPACITY];
        private int[] artistIdOf = new int[INITIAL_CAPACITY];
        private int[] playsOf = new int[INITIAL_CAPACITY];
        private int size;

        private Builder() {
        }

        /**
         * Adds plays of one (user, artist) pair; pairs may arrive in any order and repeated pairs are summed.
         *
         * @throws IllegalArgumentException if {@code plays <= 0}
         */
        public Builder add(int userId, int artistId, int plays) {
            if (plays <= 0) {
                throw new IllegalArgumentException("plays must be > 0, got " + plays
                        + " for user " + userId + ", artist " + artistId);
            }
            if (size == userIdOf.length) {
                grow();
            }
            userIdOf[size] = userId;
            artistIdOf[size] = artistId;
            playsOf[size] = plays;
            size++;
            return this;
        }

        private void grow() {
            // 1.5x growth keeps the over-allocation (and the transient copy) smaller than doubling.
            long wanted = (long) size + (size >> 1) + 16;
            int capacity = (int) Math.min(wanted, Integer.MAX_VALUE - 8);
            if (capacity <= size) {
                throw new IllegalStateException("too many play-count rows: " + size);
            }
            userIdOf = Arrays.copyOf(userIdOf, capacity);
            artistIdOf = Arrays.copyOf(artistIdOf, capacity);
            playsOf = Arrays.copyOf(playsOf, capacity);
        }

        public PlayCounts build() {
            final int n = size;
            int[] users = userIdOf;
            int[] artists = artistIdOf;
            int[] counts = playsOf;
            userIdOf = new int[INITIAL_CAPACITY];
            artistIdOf = new int[INITIAL_CAPACITY];
            playsOf = new int[INITIAL_CAPACITY];
            size = 0;

            IdIndex userIds = IdIndex.ofSortedUnique(distinctSorted(users, n));
            IdIndex artistIds = IdIndex.ofSortedUnique(distinctSorted(artists, n));

            // Replace ids by indexes in place and count row lengths (counting sort by user).
            int[] rowStart = new int[userIds.size() + 1];
            for (int i = 0; i < n; i++) {
                users[i] = userIds.indexOf(users[i]);
                artists[i] = artistIds.indexOf(artists[i]);
                rowStart[users[i] + 1]++;
            }
            for (int u = 0; u < userIds.size(); u++) {
                rowStart[u + 1] += rowStart[u];
            }
            int[] columns = new int[n];
            int[] rowPlays = new int[n];
            int[] cursor = Arrays.copyOf(rowStart, userIds.size());
            int maxRow = 0;
            for (int i = 0; i < n; i++) {
                int at = cursor[users[i]]++;
                columns[at] = artists[i];
                rowPlays[at] = counts[i];
            }
            users = null;
            artists = null;
            counts = null;
            for (int u = 0; u < userIds.size(); u++) {
                maxRow = Math.max(maxRow, rowStart[u + 1] - rowStart[u]);
            }

            // Sort each row by artist and merge duplicate pairs, compacting columns in place.
            // (artist << 32 | plays) sorts by artist; plays only ride along.
            float[] plays = new float[n];
            long[] row = new long[maxRow];
            int write = 0;
            int rowFrom = 0;
            for (int u = 0; u < userIds.size(); u++) {
                int from = rowFrom;
                int to = rowStart[u + 1];
                rowFrom = to;
                int len = to - from;
                for (int j = 0; j < len; j++) {
                    row[j] = ((long) columns[from + j] << 32) | (rowPlays[from + j] & 0xffffffffL);
                }
                Arrays.sort(row, 0, len);
                rowStart[u] = write;
                int j = 0;
                while (j < len) {
                    int artist = (int) (row[j] >>> 32);
                    long sum = 0;
                    while (j < len && (int) (row[j] >>> 32) == artist) {
                        sum += (int) row[j];
                        j++;
                    }
                    columns[write] = artist;
                    plays[write] = sum;
                    write++;
                }
            }
            rowStart[userIds.size()] = write;
            if (write < n) {
                columns = Arrays.copyOf(columns, write);
                plays = Arrays.copyOf(plays, write);
            }
            return new PlayCounts(userIds, artistIds, rowStart, columns, plays);
        }

        private static int[] distinctSorted(int[] values, int n) {
            int[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            int unique = 0;
            for (int i = 0; i < n; i++) {
                if (unique == 0 || sorted[i] != sorted[unique - 1]) {
                    sorted[unique++] = sorted[i];
                }
            }
            return unique == n ? sorted : Arrays.copyOf(sorted, unique);
        }
    }
}
