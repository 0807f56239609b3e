package io.setlist.recommender.select;

/**
 * Bounded selection of the {@code k} best (id, score) pairs: higher score first, equal scores broken by
 * lower id, so results are deterministic whatever order candidates are offered in.
 *
 * <p>A min-heap on two primitive arrays whose root is the worst kept pair: offering costs O(log k) only
 * when the candidate beats the root, otherwise one comparison. Reusable via {@link #clear()} so that a
 * worker allocates it once; not thread-safe.
 */
public final class TopK {

    private final int capacity;
    private final int[] ids;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        this.capacity = k;
        this.ids = new int[k];
        this.scores = new float[k];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** Score of the worst kept pair (the one the next better offer replaces); only meaningful when size() &gt; 0. */
    public float worstScore() {
        return scores[0];
    }

    public void clear() {
        size = 0;
    }

    /** Offers a candidate; NaN scores are ignored. Ids are expected to be distinct among offers. */
    public void offer(int id, float score) {
        if (capacity == 0 || Float.isNaN(score)) {
            return;
        }
        if (size < capacity) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(ids[0], scores[0], id, score)) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    /**
     * Writes the kept pairs best first into {@code idsOut}/{@code scoresOut} starting at {@code offset}
     * and empties the selection.
     *
     * @return the number of pairs written
     */
    public int drainBestFirst(int[] idsOut, float[] scoresOut, int offset) {
        int n = size;
        // Popping the root yields worst first, so fill from the back.
        for (int i = n - 1; i >= 0; i--) {
            idsOut[offset + i] = ids[0];
            scoresOut[offset + i] = scores[0];
            size--;
            if (size > 0) {
                ids[0] = ids[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
        return n;
    }

    /** True when (idA, scoreA) ranks below (idB, scoreB). */
    private static boolean worse(int idA, float scoreA, int idB, float scoreB) {
        return scoreA < scoreB || (scoreA == scoreB && idA > idB);
    }

    private void siftUp(int i) {
        int id = ids[i];
        float score = scores[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(id, score, ids[parent], scores[parent])) {
                break;
            }
            ids[i] = ids[parent];
            scores[i] = scores[parent];
            i = parent;
        }
        ids[i] = id;
        scores[i] = score;
    }

    private void siftDown(int i) {
        int id = ids[i];
        float score = scores[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(ids[child + 1], scores[child + 1], ids[child], scores[child])) {
                child++;
            }
            if (!worse(ids[child], scores[child], id, score)) {
                break;
            }
            ids[i] = ids[child];
            scores[i] = scores[child];
            i = child;
        }
        ids[i] = id;
        scores[i] = score;
    }
}
