package io.setlist.recommender.neighbours;

/**
 * Every user's top-k neighbours at once, shared by all search threads: the selection of {@code TopK} (higher
 * similarity first, equal similarities broken by lower user index) kept as one min-heap per user in flat
 * primitive arrays, {@code k} slots per user.
 *
 * <p>The pairwise search finds each pair once and offers it to both users, and either user may be offered
 * pairs by any thread, so an offer that may change a heap takes a lock (one of {@link #STRIPES}, by user). Most
 * offers change nothing: {@link #offer} first compares against the user's k-th best similarity, read without the
 * lock. That value only ever rises and a float read never tears, so a stale read is a lower bound and at worst
 * sends an offer to the locked check, which decides exactly. Results therefore do not depend on thread count or
 * timing: the kept set is the unique top-k of all offers under a total order.
 *
 * <p>Memory: 8 bytes per slot plus 8 per user, beside the output arrays that {@link #drainInto} fills.
 */
final class NeighbourHeaps {

    /** Lock stripes: enough that two threads rarely meet, few enough to stay in cache. */
    static final int STRIPES = 1024;

    private final int k;
    /**
     * Slot key: similarity bits (a positive float's bits order like its value) above the complement of the user
     * index, so one long comparison is the selection order and a slot takes one 8-byte word: a heap update touches
     * half the cache lines of two parallel arrays.
     */
    private final long[] keys;
    private final int[] sizes;
    /** k-th best similarity of a full heap; −∞ until the heap is full. */
    private final float[] kth;
    private final Object[] locks = new Object[STRIPES];

    NeighbourHeaps(int users, int k) {
        long slots = (long) users * k;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("users × k too large for flat storage: " + slots);
        }
        this.k = k;
        this.keys = new long[(int) slots];
        this.sizes = new int[users];
        this.kth = new float[users];
        java.util.Arrays.fill(kth, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The k-th best similarity offered to {@code user} so far (−∞ while fewer than k), possibly stale: a lower bound. */
    float kthBest(int user) {
        return kth[user];
    }

    /**
     * Every user's {@link #kthBest}, for a hot loop to read without a call: READ ONLY, and possibly stale, as there.
     */
    float[] kthBestByUser() {
        return kth;
    }

    /** Offers neighbour {@code id} with {@code similarity} (> 0, not NaN) to {@code user}'s top-k. Thread-safe. */
    void offer(int user, int id, float similarity) {
        if (similarity < kth[user] || k == 0) {
            return;
        }
        long key = ((long) Float.floatToRawIntBits(similarity) << 32) | (0xffffffffL & ~id);
        synchronized (locks[user & (STRIPES - 1)]) {
            int base = user * k;
            int size = sizes[user];
            if (size < k) {
                siftUp(base, size, key);
                sizes[user] = ++size;
                if (size == k) {
                    kth[user] = similarityOf(keys[base]);
                }
            } else if (key > keys[base]) {
                siftDown(base, size, key);
                kth[user] = similarityOf(keys[base]);
            }
        }
    }

    /**
     * Writes every user's neighbours best first into {@code ids}/{@code similarities} (k slots per user) and their
     * numbers into {@code counts}. Call once, after all offers (the caller's join orders the memory).
     */
    void drainInto(int[] ids, float[] similarities, int[] counts) {
        for (int user = 0; user < sizes.length; user++) {
            int base = user * k;
            int n = sizes[user];
            java.util.Arrays.sort(keys, base, base + n); // ascending = worst first
            for (int r = 0; r < n; r++) {
                long key = keys[base + n - 1 - r];
                ids[base + r] = ~(int) key;
                similarities[base + r] = similarityOf(key);
            }
            counts[user] = n;
        }
    }

    private static float similarityOf(long key) {
        return Float.intBitsToFloat((int) (key >>> 32));
    }

    /** Places {@code key} at heap slot {@code i} of the min-heap at {@code base} and restores the heap upwards. */
    private void siftUp(int base, int i, long key) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (key >= keys[base + parent]) {
                break;
            }
            keys[base + i] = keys[base + parent];
            i = parent;
        }
        keys[base + i] = key;
    }

    /** Replaces the root of the min-heap of {@code size} slots at {@code base} with {@code key} and restores it. */
    private void siftDown(int base, int size, long key) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[base + child + 1] < keys[base + child]) {
                child++;
            }
            if (keys[base + child] >= key) {
                break;
            }
            keys[base + i] = keys[base + child];
            i = child;
        }
        keys[base + i] = key;
    }
}
