package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
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
     *                             that order, always on the calling thread (the neighbour search is parallel,
     *                             the ranking loop is not), so it needs no synchronisation
     */
    public static void recommendAll(PlayCounts counts, int[] allUserIds, UserProfile[] profilesOfAllUserIds,
                                    RecommenderSettings s, Consumer<RankedItems> sink) {
        recommendAll(counts, allUserIds, profilesOfAllUserIds, s, sink, RecommendProgress.NONE);
    }

    /** As above, reporting phases and their timings to {@code progress}. */
    public static void recommendAll(PlayCounts counts, int[] allUserIds, UserProfile[] profilesOfAllUserIds,
                                    RecommenderSettings s, Consumer<RankedItems> sink, RecommendProgress progress) {
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
        progress.advance(counts.users());
        long t1 = System.nanoTime();
        progress.finished("weights", (t1 - t0) / 1e9);

        progress.started("neighbours", counts.users());
        NeighbourIndex neighbours = NeighbourIndex.buildRange(counts, weights, profilesByUserIndex, s.profileWeight(),
                s.neighbours(), s.threads(), 0, counts.users(), progress::advance);
        long t2 = System.nanoTime();
        progress.finished("neighbours", (t2 - t1) / 1e9);

        progress.started("ranking", allUserIds.length);
        NeighbourRanking ranking = new NeighbourRanking(counts, weights, neighbours);
        int reportEvery = Math.max(1, Math.min(4096, allUserIds.length / 100));
        for (int i = 0; i < allUserIds.length; i++) {
            if (i > 0 && i % reportEvery == 0) {
                progress.advance(reportEvery);
            }
            int userId = allUserIds[i];
            UserProfile profile = profileOrUnknown(profilesOfAllUserIds[i]);
            int u = userIds.indexOf(userId);
            int[] owned = u < 0 ? new int[0] : ownedArtistIds(counts, u);
            RankedItems result = null;
            if (u >= 0 && counts.rowLength(u) >= s.minPlaysForNeighbours()) {
                RankedItems byNeighbours = ranking.recommend(u, s.topN());
                if (byNeighbours.size() > 0) {
                    result = byNeighbours.size() >= s.topN()
                            ? byNeighbours
                            : fill(byNeighbours, segments, profile, s.topN(), owned);
                }
            }
            if (result == null) {
                result = segments.forUser(userId, profile, s.topN(), owned);
            }
            sink.accept(result);
        }
        progress.advance(allUserIds.length == 0 ? 0 : allUserIds.length - (long) ((allUserIds.length - 1) / reportEvery) * reportEvery);
        progress.finished("ranking", (System.nanoTime() - t2) / 1e9);
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
