package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.MatrixTotals;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourLists;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The daily batch: weights → neighbour index → per-user ranking, with popularity fallbacks.
 *
 * <ul>
 *   <li>A user with at least {@code minPlaysForNeighbours} distinct artists gets {@link NeighbourRanking}.
 *       If that yields fewer than topN artists, the rest is filled from {@link SegmentPopularity}
 *       (excluding owned and already listed artists) and the source stays {@link Source#NEIGHBOURS}.
 *       If it yields nothing at all (no user shares an artist), the user is served like a cold user,
 *       because labelling a pure popularity list "neighbours" would mislead the analysis.</li>
 *   <li>A user below the threshold, or without plays, gets {@link SegmentPopularity} (source SEGMENT or
 *       GLOBAL), still excluding the artists they have.</li>
 * </ul>
 *
 * Users present in the play counts but not in {@code allUserIds} still act as neighbours and count
 * towards segment popularity (with an unknown profile), but get no recommendations.
 */
public final class UserKnnRecommender {

    private UserKnnRecommender() {
    }

    /**
     * @param counts               play counts of the users with plays
     * @param allUserIds           every user to recommend for, unique; includes users without plays
     * @param profilesOfAllUserIds profiles aligned with {@code allUserIds} (null elements = unknown)
     * @param sink                 receives exactly one {@link RankedItems} per user of {@code allUserIds}, in
     *                             that order, always on the calling thread (neighbours and lists are computed
     *                             in parallel, a chunk at a time, then handed over in order), so it needs no
     *                             synchronisation
     */
    public static void recommendAll(PlayCounts counts, int[] allUserIds, UserProfile[] profilesOfAllUserIds,
                                    RecommenderSettings s, Consumer<RankedItems> sink) {
        recommendAll(counts, allUserIds, profilesOfAllUserIds, s, sink, RecommendProgress.NONE);
    }

    /** As above, reporting phases and their timings to {@code progress}. */
    public static void recommendAll(PlayCounts counts, int[] allUserIds, UserProfile[] profilesOfAllUserIds,
                                    RecommenderSettings s, Consumer<RankedItems> sink, RecommendProgress progress) {
        recommendAll(counts, UserRelations.NONE, allUserIds, profilesOfAllUserIds, s, sink, progress);
    }

    /**
     * As above, with friendships and tag use as extra neighbour sources (used only when {@code s.scoring()} gives
     * them a weight).
     */
    public static void recommendAll(PlayCounts counts, UserRelations relations, int[] allUserIds,
                                    UserProfile[] profilesOfAllUserIds, RecommenderSettings s,
                                    Consumer<RankedItems> sink, RecommendProgress progress) {
        Prepared prepared = prepare(counts, relations, allUserIds, profilesOfAllUserIds, s, progress);
        long t1 = System.nanoTime();
        progress.started("neighbours", counts.users());
        NeighbourIndex neighbours = neighbours(prepared, 0, counts.users(), progress::advance);
        long t2 = System.nanoTime();
        progress.finished("neighbours", (t2 - t1) / 1e9);

        progress.started("ranking", allUserIds.length);
        rankInOrder(counts, rankingInputs(prepared, neighbours), prepared.segments(), allUserIds,
                profilesOfAllUserIds, s, sink, progress);
        progress.finished("ranking", (System.nanoTime() - t2) / 1e9);
    }

    /**
     * What every block of one batch shares, computed once from all users: the row weights (BM25 needs every
     * artist's listener count), the profiles by user index, the segment charts and the ranking's sources (scaled
     * contributions, popularity damping, friends and tag neighbours). A partitioned run (Spark) prepares it on each
     * machine from the same inputs and gets the same values, then calls {@link #neighbours} and {@link #rankBlock}
     * on its share of the users.
     */
    public record Prepared(PlayCounts counts, float[] weights, UserProfile[] profilesByUserIndex,
                           SegmentPopularity segments, NeighbourRanking.Sources ranking, RecommenderSettings settings) {
    }

    /**
     * The weights phase of {@link #recommendAll}: O(plays + users), plus one neighbour search over the tag matrix
     * when the tag source is on.
     */
    public static Prepared prepare(PlayCounts counts, UserRelations relations, int[] allUserIds,
                                   UserProfile[] profilesOfAllUserIds, RecommenderSettings s,
                                   RecommendProgress progress) {
        if (profilesOfAllUserIds.length != allUserIds.length) {
            throw new IllegalArgumentException("profiles must align with user ids: "
                    + profilesOfAllUserIds.length + " != " + allUserIds.length);
        }
        Int2IntOpenHashMap positionOf = new Int2IntOpenHashMap(allUserIds.length);
        positionOf.defaultReturnValue(-1);
        for (int i = 0; i < allUserIds.length; i++) {
            if (positionOf.put(allUserIds[i], i) != -1) {
                throw new IllegalArgumentException("duplicate user id " + allUserIds[i]);
            }
        }
        IdIndex userIds = counts.userIds();
        UserProfile[] profilesByUserIndex = new UserProfile[counts.users()];
        for (int u = 0; u < counts.users(); u++) {
            int position = positionOf.get(userIds.idAt(u));
            profilesByUserIndex[u] = position < 0 ? UserProfile.unknown() : profileOrUnknown(profilesOfAllUserIds[position]);
        }

        long t0 = System.nanoTime();
        progress.started("weights", counts.users());
        float[] weights = RowWeights.apply(counts, s.weighting());
        SegmentPopularity segments = SegmentPopularity.build(counts, profilesByUserIndex, s.topN());
        NeighbourRanking.Sources ranking = new NeighbourRanking.Sources(counts, weights, s.scoring(), relations,
                s.neighbours(), s.threads());
        progress.advance(counts.users());
        progress.finished("weights", (System.nanoTime() - t0) / 1e9);
        return new Prepared(counts, weights, profilesByUserIndex, segments, ranking, s);
    }

    /**
     * The {@link Prepared} of a SUBSET of the matrix's rows (a partitioned run's block of users to rank, plus the
     * rows of every user their ranking reads: neighbours, friends with plays, tag neighbours with plays), from the
     * whole matrix's facts computed elsewhere: its {@code totals} (for the weights and the popularity damping), its
     * segment charts ({@link SegmentTally}), all friendships, and the tag neighbours of the users to rank. For those
     * users, {@link #rankBlock} over this and {@link NeighbourLists#toIndex} of their merged neighbour lists gives
     * the lists the full {@link #prepare} gives them. O(rows of the subset + friendships).
     *
     * @param profilesByUserIndex profiles by user index of {@code rows} (null elements = unknown)
     * @param tagNeighbours       tag-matrix neighbour lists by user id ({@link #tagNeighbours}); ignored unless the
     *                            scoring gives tags a weight
     */
    public static Prepared prepareSubset(PlayCounts rows, UserProfile[] profilesByUserIndex, MatrixTotals totals,
                                         SegmentPopularity segments, int[] friendUsers, int[] friendFriends,
                                         NeighbourLists tagNeighbours, RecommenderSettings s) {
        NeighbourScoring scoring = s.scoring();
        float[] weights = RowWeights.apply(rows, s.weighting(), totals);
        NeighbourRanking.Sources ranking = new NeighbourRanking.Sources(rows, weights, scoring,
                totals.listenersOf(rows.artistIds()), s.neighbours(),
                scoring.friendWeight() > 0 ? SideNeighbours.friends(rows, friendUsers, friendFriends)
                        : SideNeighbours.EMPTY,
                scoring.tagWeight() > 0 ? SideNeighbours.fromLists(rows, tagNeighbours) : SideNeighbours.EMPTY);
        return new Prepared(rows, weights, profilesByUserIndex, segments, ranking, s);
    }

    /**
     * The exact top-k neighbours of every user of {@code rows} among the users of {@code rows} only (a partitioned
     * run's candidate subset: two user blocks), weighted with the whole matrix's {@code totals}; its
     * {@link NeighbourLists} merge over all subsets into the full search's. Same search as {@link #neighbours}.
     *
     * @throws IllegalArgumentException for the approximate capped search ({@code maxPostingsPerArtist} &gt; 0),
     *                                  whose cap depends on the whole matrix's postings
     */
    public static NeighbourLists searchSubset(PlayCounts rows, UserProfile[] profilesByUserIndex, MatrixTotals totals,
                                              RecommenderSettings s) {
        if (s.maxPostingsPerArtist() != 0) {
            throw new IllegalArgumentException("a partitioned search is exact only: maxPostingsPerArtist must be 0, got "
                    + s.maxPostingsPerArtist());
        }
        NeighbourIndex index = NeighbourIndex.build(rows, RowWeights.apply(rows, s.weighting(), totals),
                profilesByUserIndex, s.profileWeight(), s.neighbours(), s.threads());
        return NeighbourLists.of(index, rows.userIds(), 0, rows.users());
    }

    /**
     * The tag source's search ({@code SideNeighbours.byTags}) over a subset of the users × tags matrix, BM25
     * weighted with the whole tag matrix's {@code totals}: lists by user id to merge like {@link #searchSubset}'s.
     */
    public static NeighbourLists tagNeighbours(PlayCounts tagRows, MatrixTotals totals, int k, int threads) {
        if (tagRows.nonZeros() == 0 || k == 0) {
            return NeighbourLists.empty(k);
        }
        NeighbourIndex index = NeighbourIndex.build(tagRows, RowWeights.apply(tagRows, Weighting.BM25, totals), null,
                0.0, k, threads);
        return NeighbourLists.of(index, tagRows.userIds(), 0, tagRows.users());
    }

    /**
     * Exact neighbours of the user indexes {@code fromUser..toUser-1} ({@link NeighbourIndex#buildRange}); all
     * users for the single-machine batch, one block of them for a partitioned run. Same neighbours either way.
     */
    public static NeighbourIndex neighbours(Prepared p, int fromUser, int toUser, java.util.function.IntConsumer progress) {
        RecommenderSettings s = p.settings();
        return NeighbourIndex.buildRange(p.counts(), p.weights(), p.profilesByUserIndex(), s.profileWeight(),
                s.neighbours(), s.threads(), fromUser, toUser, progress, s.maxPostingsPerArtist());
    }

    private static NeighbourRanking.Inputs rankingInputs(Prepared p, NeighbourIndex neighbours) {
        return new NeighbourRanking.Inputs(p.ranking(), neighbours);
    }

    /**
     * Ranks {@code userIds} on the calling thread, handing one list per user to {@code sink} in order: the same
     * lists {@link #recommendAll} gives them, provided {@code neighbours} holds the neighbours of every one of them
     * that has plays (from {@link #neighbours} over a range covering their user indexes).
     */
    public static void rankBlock(Prepared p, NeighbourIndex neighbours, int[] userIds, UserProfile[] profiles,
                                 Consumer<RankedItems> sink) {
        NeighbourRanking ranking = new NeighbourRanking(rankingInputs(p, neighbours));
        for (int i = 0; i < userIds.length; i++) {
            sink.accept(rankOne(p.counts(), ranking, p.segments(), userIds[i], profiles[i], p.settings()));
        }
    }

    /** Users ranked per chunk: the chunk is computed by all threads, then handed to the sink in input order. */
    static final int RANKING_CHUNK = 4096;

    private static void rankInOrder(PlayCounts counts, NeighbourRanking.Inputs inputs, SegmentPopularity segments,
                                    int[] allUserIds, UserProfile[] profiles,
                                    RecommenderSettings s, Consumer<RankedItems> sink, RecommendProgress progress) {
        int threads = Math.max(1, Math.min(s.threads(), (allUserIds.length + 255) / 256));
        // NeighbourRanking holds scratch arrays, so one per thread
        ThreadLocal<NeighbourRanking> ranking = ThreadLocal.withInitial(() -> new NeighbourRanking(inputs));
        RankedItems[] chunk = new RankedItems[Math.min(RANKING_CHUNK, Math.max(1, allUserIds.length))];
        java.util.concurrent.ForkJoinPool pool = threads > 1 ? new java.util.concurrent.ForkJoinPool(threads) : null;
        try {
            for (int from = 0; from < allUserIds.length; from += chunk.length) {
                int start = from;
                int n = Math.min(chunk.length, allUserIds.length - from);
                java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
                Runnable fill = () -> (pool == null ? range : range.parallel()).forEach(j -> chunk[j] =
                        rankOne(counts, ranking.get(), segments, allUserIds[start + j], profiles[start + j], s));
                if (pool == null) {
                    fill.run();
                } else {
                    pool.submit(fill).join();
                }
                for (int j = 0; j < n; j++) {
                    sink.accept(chunk[j]);
                    chunk[j] = null;
                }
                progress.advance(n);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static RankedItems rankOne(PlayCounts counts, NeighbourRanking ranking, SegmentPopularity segments,
                                       int userId, UserProfile profileOrNull, RecommenderSettings s) {
        UserProfile profile = profileOrUnknown(profileOrNull);
        int u = counts.userIds().indexOf(userId);
        int[] owned = u < 0 ? new int[0] : ownedArtistIds(counts, u);
        if (u >= 0 && counts.rowLength(u) >= s.minPlaysForNeighbours()) {
            RankedItems byNeighbours = ranking.recommend(u, s.topN());
            if (byNeighbours.size() > 0) {
                return byNeighbours.size() >= s.topN()
                        ? byNeighbours
                        : fill(byNeighbours, segments, profile, s.topN(), owned);
            }
        }
        return segments.forUser(userId, profile, s.topN(), owned);
    }

    private static UserProfile profileOrUnknown(UserProfile p) {
        return p == null ? UserProfile.unknown() : p;
    }

    private static int[] ownedArtistIds(PlayCounts counts, int u) {
        int from = counts.rowStart()[u];
        int[] ids = new int[counts.rowLength(u)];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = counts.artistIds().idAt(counts.columns()[from + j]);
        }
        return ids;
    }

    /** Appends segment items after the neighbour items, capping their scores so the list stays sorted. */
    private static RankedItems fill(RankedItems head, SegmentPopularity segments, UserProfile profile, int topN,
                                    int[] owned) {
        int[] exclude = Arrays.copyOf(owned, owned.length + head.size());
        System.arraycopy(head.artistIds(), 0, exclude, owned.length, head.size());
        RankedItems tail = segments.forUser(head.userId(), profile, topN - head.size(), exclude);
        int[] ids = Arrays.copyOf(head.artistIds(), head.size() + tail.size());
        float[] scores = Arrays.copyOf(head.scores(), ids.length);
        float cap = head.scores()[head.size() - 1];
        for (int j = 0; j < tail.size(); j++) {
            ids[head.size() + j] = tail.artistIds()[j];
            scores[head.size() + j] = Math.min(cap, tail.scores()[j]);
        }
        return new RankedItems(head.userId(), ids, scores, Source.NEIGHBOURS);
    }
}
