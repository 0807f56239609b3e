package io.setlist.recommender.neighbours;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.ProfileSimilarity;
import io.setlist.recommender.profile.UserProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact top-k user neighbours for every user, found through an artist → users inverted index.
 *
 * <p>Similarity of users u and v is {@code (1 − w)·cosine(u, v) + w·profileSimilarity(u, v)} where the
 * cosine is the dot product of the L2-normalised weight rows and {@code w} the profile weight.
 * <b>Only pairs sharing at least one artist are candidates.</b> That is what keeps the search sparse
 * (the inverted index never yields other pairs, and a users × users matrix at 360K users would be
 * 500 GB), and it is also intended: a demographic match with no taste overlap is not evidence that
 * one user's artists suit the other. The exactness claim is relative to this candidate set.
 *
 * <p>Ties in similarity are broken by lower user index; a user is never its own neighbour and users
 * with similarity ≤ 0 are never neighbours, so a user can have fewer than k neighbours.
 *
 * <p>Results are stored flat: {@code k} slots per user plus a count, 8 bytes per slot.
 */
public final class NeighbourIndex {

    /** Users per unit of work: small enough to balance skewed rows across threads, large enough to be cheap. */
    static final int BLOCK_SIZE = 256;

    private final int k;
    private final int[] neighbours;
    private final float[] similarities;
    private final int[] counts;
    private long postingsScanned;
    private long pairsEvaluated;

    private NeighbourIndex(int k, int[] neighbours, float[] similarities, int[] counts) {
        this.k = k;
        this.neighbours = neighbours;
        this.similarities = similarities;
        this.counts = counts;
    }

    /**
     * An index from already computed lists ({@link NeighbourLists#toIndex}): {@code k} slots per user, best first,
     * {@code counts[u]} of them used. The arrays are taken, not copied.
     */
    static NeighbourIndex ofSlots(int k, int[] neighbours, float[] similarities, int[] counts) {
        if (neighbours.length != (long) counts.length * k || similarities.length != neighbours.length) {
            throw new IllegalArgumentException("need k slots per user: " + neighbours.length + " for "
                    + counts.length + " users, k " + k);
        }
        return new NeighbourIndex(k, neighbours, similarities, counts);
    }

    /**
     * @param counts              the play counts (defines users and artists)
     * @param weights             row weights aligned with {@code counts.columns()}, rows L2-normalised
     * @param profilesByUserIndex profiles by user index (null elements = unknown), or null for pure cosine
     * @param profileWeight       w in [0, 1]; ignored when {@code profilesByUserIndex} is null
     * @param k                   neighbours per user, ≥ 0
     * @param threads             worker threads, ≥ 1; results are identical for any value
     */
    public static NeighbourIndex build(PlayCounts counts, float[] weights, UserProfile[] profilesByUserIndex,
                                       double profileWeight, int k, int threads) {
        return buildRange(counts, weights, profilesByUserIndex, profileWeight, k, threads, 0, counts.users(), null);
    }

    public static NeighbourIndex buildRange(PlayCounts counts, float[] weights, UserProfile[] profilesByUserIndex,
                                            double profileWeight, int k, int threads, int fromUser, int toUser,
                                            java.util.function.IntConsumer progress) {
        return buildRange(counts, weights, profilesByUserIndex, profileWeight, k, threads, fromUser, toUser, progress,
                0);
    }

    /** How the exact top-k is searched; both give identical results, they differ only in speed. */
    public enum Search {
        /**
         * Each pair once, by its lower user, offered to both ({@link PairwiseNeighbourBlock}); needs every user as a
         * query user and the exact index, so a partial range or a posting cap runs {@link #FULL_SCAN} instead.
         */
        PAIRWISE,
        /** Every posting of every artist of each query user ({@link NeighbourBlock}), a query user at a time. */
        FULL_SCAN
    }

    /**
     * The search {@link #build} and {@link #buildRange} use: pairwise, which reads half the postings of the full
     * scan into a cache-sized accumulator (README, "Scale").
     */
    public static final Search DEFAULT_SEARCH = Search.PAIRWISE;

    /** {@link #buildRange(PlayCounts, float[], UserProfile[], double, int, int, int, int, java.util.function.IntConsumer, Search, int)} with the {@link #DEFAULT_SEARCH}. */
    public static NeighbourIndex buildRange(PlayCounts counts, float[] weights, UserProfile[] profilesByUserIndex,
                                            double profileWeight, int k, int threads, int fromUser, int toUser,
                                            java.util.function.IntConsumer progress, int maxPostingsPerArtist) {
        return buildRange(counts, weights, profilesByUserIndex, profileWeight, k, threads, fromUser, toUser, progress,
                DEFAULT_SEARCH, maxPostingsPerArtist);
    }

    /**
     * Neighbours of the query users {@code fromUser..toUser-1} only (the others get none): the unit of work that a
     * partitioned run hands to one machine. Every block of {@link #BLOCK_SIZE} users reads the shared, immutable
     * index and writes only its own users' slots, so blocks can run in any order, anywhere. Every posting of every
     * artist of a query user is read: a search that skipped popular artists' postings under a bound gave the same
     * neighbours but was slower on Last.fm-shaped data (its extra passes over the touched users cost more than the
     * postings it skipped), so it was removed.
     *
     * @param progress             told the number of query users finished after each block (from worker threads),
     *                             or null
     * @param maxPostingsPerArtist 0 = exact; otherwise the APPROXIMATE capped index of {@code InvertedIndex.of}
     * @param search               {@link #DEFAULT_SEARCH} unless comparing searches; all give the same neighbours
     */
    public static NeighbourIndex buildRange(PlayCounts counts, float[] weights, UserProfile[] profilesByUserIndex,
                                            double profileWeight, int k, int threads, int fromUser, int toUser,
                                            java.util.function.IntConsumer progress, Search search,
                                            int maxPostingsPerArtist) {
        if (fromUser < 0 || toUser > counts.users() || fromUser > toUser) {
            throw new IllegalArgumentException("bad user range " + fromUser + ".." + toUser + " of " + counts.users());
        }
        if (weights.length != counts.columns().length) {
            throw new IllegalArgumentException("weights must align with columns: "
                    + weights.length + " != " + counts.columns().length);
        }
        if (profilesByUserIndex != null && profilesByUserIndex.length != counts.users()) {
            throw new IllegalArgumentException("profiles must be indexed by user: "
                    + profilesByUserIndex.length + " != " + counts.users());
        }
        if (!(profileWeight >= 0.0 && profileWeight <= 1.0)) {
            throw new IllegalArgumentException("profileWeight must be in [0, 1], got " + profileWeight);
        }
        if (k < 0 || threads < 1) {
            throw new IllegalArgumentException("need k >= 0 and threads >= 1, got k=" + k + ", threads=" + threads);
        }
        int users = counts.users();
        long slots = (long) users * k;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("users × k too large for flat storage: " + slots);
        }
        int[] neighbours = new int[(int) slots];
        float[] similarities = new float[(int) slots];
        int[] neighbourCounts = new int[users];

        SearchInputs in = SearchInputs.of(counts.rowStart(), counts.columns(), weights,
                InvertedIndex.of(counts, weights, maxPostingsPerArtist),
                profilesByUserIndex == null ? null : ProfileSimilarity.encode(profilesByUserIndex), profileWeight);
        if (search == Search.PAIRWISE && fromUser == 0 && toUser == users && maxPostingsPerArtist == 0) {
            return pairwise(in, k, threads, progress, PairwiseNeighbourBlock.DEFAULT_RANGE, neighbours, similarities,
                    neighbourCounts);
        }

        AtomicInteger nextBlock = new AtomicInteger();
        int blocks = (toUser - fromUser + BLOCK_SIZE - 1) / BLOCK_SIZE;
        java.util.concurrent.atomic.AtomicLong scanned = new java.util.concurrent.atomic.AtomicLong();
        Runnable worker = () -> {
            NeighbourBlock block = new NeighbourBlock(in, k, neighbours, similarities, neighbourCounts);
            for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                int from = fromUser + b * BLOCK_SIZE;
                int to = Math.min(toUser, from + BLOCK_SIZE);
                block.compute(from, to);
                if (progress != null) {
                    progress.accept(to - from);
                }
            }
            scanned.addAndGet(block.postingsScanned());
        };
        runOnPool(worker, Math.max(1, Math.min(threads, blocks)));
        NeighbourIndex index = new NeighbourIndex(k, neighbours, similarities, neighbourCounts);
        index.postingsScanned = scanned.get();
        return index;
    }

    /** All users' neighbours by the pairwise search: blocks of query users, each pair once, into shared heaps. */
    static NeighbourIndex pairwise(SearchInputs in, int k, int threads, java.util.function.IntConsumer progress,
                                   int range, int[] neighbours, float[] similarities, int[] neighbourCounts) {
        int users = in.users();
        NeighbourHeaps heaps = new NeighbourHeaps(users, k);
        AtomicInteger nextBlock = new AtomicInteger();
        int blocks = (users + BLOCK_SIZE - 1) / BLOCK_SIZE;
        java.util.concurrent.atomic.AtomicLong scanned = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong pairs = new java.util.concurrent.atomic.AtomicLong();
        Runnable worker = () -> {
            PairwiseNeighbourBlock block = new PairwiseNeighbourBlock(in, heaps, range);
            // Lower users have more users above them, so blocks shrink in cost: taking them in order from a shared
            // counter balances the threads.
            for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                int from = b * BLOCK_SIZE;
                int to = Math.min(users, from + BLOCK_SIZE);
                block.compute(from, to);
                if (progress != null) {
                    progress.accept(to - from);
                }
            }
            scanned.addAndGet(block.postingsScanned());
            pairs.addAndGet(block.pairsEvaluated());
        };
        runOnPool(worker, Math.max(1, Math.min(threads, blocks)));
        heaps.drainInto(neighbours, similarities, neighbourCounts);
        NeighbourIndex index = new NeighbourIndex(k, neighbours, similarities, neighbourCounts);
        index.postingsScanned = scanned.get();
        index.pairsEvaluated = pairs.get();
        return index;
    }

    private static void runOnPool(Runnable worker, int threads) {
        if (threads == 1) {
            worker.run();
            return;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "neighbour-search-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // a failed batch must not keep the JVM alive
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("neighbour search interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Postings the search read (a posting read twice counts twice): its main cost. */
    public long postingsScanned() {
        return postingsScanned;
    }

    /** Distinct pairs whose similarity the pairwise search computed (each once for both users); 0 for the full scan. */
    public long pairsEvaluated() {
        return pairsEvaluated;
    }

    public int k() {
        return k;
    }

    public int users() {
        return counts.length;
    }

    /** Number of neighbours of a user (≤ k). */
    public int countOf(int userIndex) {
        return counts[userIndex];
    }

    /** Neighbour user indexes, best first (a copy). */
    public int[] neighboursOf(int userIndex) {
        int from = userIndex * k;
        return Arrays.copyOfRange(neighbours, from, from + counts[userIndex]);
    }

    /** Similarities aligned with {@link #neighboursOf(int)} (a copy). */
    public float[] similaritiesOf(int userIndex) {
        int from = userIndex * k;
        return Arrays.copyOfRange(similarities, from, from + counts[userIndex]);
    }

    /** The {@code rank}-th (0-based) neighbour of a user, without copying; rank &lt; {@link #countOf}. */
    public int neighbourAt(int userIndex, int rank) {
        return neighbours[userIndex * k + rank];
    }

    /** Similarity of the {@code rank}-th (0-based) neighbour of a user. */
    public float similarityAt(int userIndex, int rank) {
        return similarities[userIndex * k + rank];
    }
}
