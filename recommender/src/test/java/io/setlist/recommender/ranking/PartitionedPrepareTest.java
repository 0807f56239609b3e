package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.MatrixTotals;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.neighbours.NeighbourLists;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.testing.RandomPlays;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitioned (Spark {@code blocks}) path in one JVM: user blocks by id range, whole-matrix facts summed from the
 * blocks, neighbours searched per pair of blocks and merged, each block ranked from a subset of rows. It must give
 * the full {@link UserKnnRecommender#prepare}'s weights, neighbours and lists exactly, friends and tags included.
 */
class PartitionedPrepareTest {
    private static final NeighbourScoring SCORING = new NeighbourScoring(1.5, 0.75, 0.05, true, true, 0.3, 0.2);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void blocksGiveTheFullMatrixListsExactly(int blocks) {
        PlayCounts counts = RandomPlays.counts(11, 400, 150, 25);
        int[] ids = counts.userIds().toArray();
        // users without plays, and ones with plays but no profile row
        int[] allUserIds = new int[ids.length - 5 + 3];
        System.arraycopy(ids, 5, allUserIds, 0, ids.length - 5);
        allUserIds[allUserIds.length - 3] = 1;
        allUserIds[allUserIds.length - 2] = 999_999;
        allUserIds[allUserIds.length - 1] = 1003;
        UserProfile[] profiles = RandomPlays.profiles(12, allUserIds.length);
        UserRelations relations = relations(counts, allUserIds);
        for (Weighting weighting : Weighting.values()) {
            RecommenderSettings s = new RecommenderSettings(weighting, 7, 15, 0.1, 3, 1, 0, SCORING);
            UserKnnRecommender.Prepared full = UserKnnRecommender.prepare(counts, relations, allUserIds, profiles, s,
                    RecommendProgress.NONE);
            NeighbourIndex fullIndex = UserKnnRecommender.neighbours(full, 0, counts.users(), null);
            List<RankedItems> expected = new ArrayList<>();
            UserKnnRecommender.rankBlock(full, fullIndex, allUserIds, profiles, expected::add);
            assertThat(expected).anyMatch(r -> r.source() == Source.NEIGHBOURS);

            assertThat(partitioned(counts, relations, allUserIds, profiles, s, blocks, full, fullIndex))
                    .as("%s, %d blocks", weighting, blocks).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(expected);
        }
    }

    private static List<RankedItems> partitioned(PlayCounts counts, UserRelations relations, int[] allUserIds,
                                                 UserProfile[] profiles, RecommenderSettings s, int b,
                                                 UserKnnRecommender.Prepared full, NeighbourIndex fullIndex) {
        int lo = 0;
        int hi = 4000;
        PlayCounts[] block = new PlayCounts[b];
        PlayCounts[] tagBlock = new PlayCounts[b];
        MatrixTotals totals = null;
        MatrixTotals tagTotals = null;
        SegmentTally tally = null;
        for (int i = 0; i < b; i++) {
            int from = lo + (hi - lo) * i / b;
            int to = lo + (hi - lo) * (i + 1) / b;
            block[i] = counts.select(id -> id >= from && id < to);
            tagBlock[i] = relations.tagUse().select(id -> id >= from && id < to);
            totals = totals == null ? MatrixTotals.of(block[i]) : totals.plus(MatrixTotals.of(block[i]));
            tagTotals = tagTotals == null ? MatrixTotals.of(tagBlock[i]) : tagTotals.plus(MatrixTotals.of(tagBlock[i]));
            SegmentTally t = SegmentTally.of(block[i], profilesOf(block[i], allUserIds, profiles));
            tally = tally == null ? t : tally.plus(t);
        }
        SegmentPopularity segments = tally.toPopularity(totals.artistIds(), s.topN());

        NeighbourLists merged = NeighbourLists.empty(s.neighbours());
        NeighbourLists tags = NeighbourLists.empty(s.neighbours());
        for (int i = 0; i < b; i++) {
            for (int j = b == 1 ? i : i + 1; j < b; j++) {
                PlayCounts pair = PlayCounts.union(i == j ? List.of(block[i]) : List.of(block[i], block[j]));
                merged = merged.merge(UserKnnRecommender.searchSubset(pair, profilesOf(pair, allUserIds, profiles),
                        totals, s));
                PlayCounts tagPair = PlayCounts.union(i == j ? List.of(tagBlock[i]) : List.of(tagBlock[i], tagBlock[j]));
                tags = tags.merge(UserKnnRecommender.tagNeighbours(tagPair, tagTotals, s.neighbours(), 1));
            }
        }
        // the merged lists are the full search's
        IdIndex users = counts.userIds();
        NeighbourIndex mergedIndex = merged.toIndex(users);
        for (int u = 0; u < counts.users(); u++) {
            assertThat(mergedIndex.neighboursOf(u)).isEqualTo(fullIndex.neighboursOf(u));
            assertThat(mergedIndex.similaritiesOf(u)).isEqualTo(fullIndex.similaritiesOf(u));
        }

        List<RankedItems> out = new ArrayList<>();
        for (int p = 0; p < allUserIds.length; p++) {
            int id = allUserIds[p];
            // rank each user from the rows of it, its neighbours, friends and tag neighbours only
            IntOpenHashSet needed = new IntOpenHashSet(new int[] {id});
            int q = merged.positionOf(id);
            for (int r = 0; q >= 0 && r < merged.countAt(q); r++) {
                needed.add(merged.neighbourIdAt(q, r));
            }
            int t = tags.positionOf(id);
            for (int r = 0; t >= 0 && r < tags.countAt(t); r++) {
                needed.add(tags.neighbourIdAt(t, r));
            }
            for (int f = 0; f < relations.friendUsers().length; f++) {
                if (relations.friendUsers()[f] == id) {
                    needed.add(relations.friendFriends()[f]);
                } else if (relations.friendFriends()[f] == id) {
                    needed.add(relations.friendUsers()[f]);
                }
            }
            PlayCounts rows = counts.select(needed::contains);
            UserKnnRecommender.Prepared subset = UserKnnRecommender.prepareSubset(rows,
                    profilesOf(rows, allUserIds, profiles), totals, segments, relations.friendUsers(),
                    relations.friendFriends(), tags, s);
            int u = rows.userIds().indexOf(id);
            if (u >= 0) {
                int g = counts.userIds().indexOf(id);
                float[] fullWeights = java.util.Arrays.copyOfRange(full.weights(), counts.rowStart()[g],
                        counts.rowStart()[g + 1]);
                assertThat(java.util.Arrays.copyOfRange(subset.weights(), rows.rowStart()[u], rows.rowStart()[u + 1]))
                        .isEqualTo(fullWeights);
            }
            UserKnnRecommender.rankBlock(subset, merged.select(v -> v == id).toIndex(rows.userIds()), new int[] {id},
                    new UserProfile[] {profiles[p]}, out::add);
        }
        return out;
    }

    private static UserProfile[] profilesOf(PlayCounts rows, int[] allUserIds, UserProfile[] profiles) {
        UserProfile[] out = new UserProfile[rows.users()];
        for (int u = 0; u < out.length; u++) {
            for (int p = 0; p < allUserIds.length; p++) {
                if (allUserIds[p] == rows.userIds().idAt(u)) {
                    out[u] = profiles[p];
                }
            }
        }
        return out;
    }

    /** Random friendships (some to users without plays, some self) and tag use of a third of the users. */
    private static UserRelations relations(PlayCounts counts, int[] allUserIds) {
        Random random = new Random(5);
        int[] ids = counts.userIds().toArray();
        int[] users = new int[300];
        int[] friends = new int[300];
        for (int i = 0; i < users.length; i++) {
            users[i] = ids[random.nextInt(ids.length)];
            friends[i] = i % 30 == 0 ? users[i] : i % 17 == 0 ? 1 : ids[random.nextInt(ids.length)];
        }
        PlayCounts.Builder tags = PlayCounts.builder();
        for (int u = 0; u < ids.length; u += 3) {
            for (int j = 0; j < 1 + random.nextInt(6); j++) {
                tags.add(ids[u], 1 + random.nextInt(20), 1 + random.nextInt(5));
            }
        }
        tags.add(1, 3, 2); // tag use of a user without plays
        return new UserRelations(users, friends, tags.build());
    }
}
