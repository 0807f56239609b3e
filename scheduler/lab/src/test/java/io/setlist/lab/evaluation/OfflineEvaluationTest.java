package io.setlist.lab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RankedItems;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.SegmentPopularity;
import io.setlist.recommender.ranking.Source;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.recommender.testing.SharedData;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {

    private static Interactions synthetic(int users) {
        SyntheticListening s = SyntheticListening.generate(users, 5);
        List<int[]> rows = new ArrayList<>();
        s.forEachRow((u, a, p) -> rows.add(new int[] {u, a, p}));
        Int2ObjectOpenHashMap<UserProfile> profiles = new Int2ObjectOpenHashMap<>();
        int[] ids = s.userIds();
        UserProfile[] p = s.profiles();
        for (int i = 0; i < ids.length; i++) {
            profiles.put(ids[i], p[i]);
        }
        return new Interactions("synthetic", ids, rows.stream().mapToInt(r -> r[0]).toArray(),
                rows.stream().mapToInt(r -> r[1]).toArray(), rows.stream().mapToInt(r -> r[2]).toArray(), profiles,
                List.of());
    }

    @Test
    void noModelRecommendsAnArtistFromTheUsersTrainingHistory() {
        Interactions data = synthetic(600);
        OfflineEvaluation evaluation = new OfflineEvaluation(data, null, Split.RANDOM.testRows(data, null, 3));
        PlayCounts train = evaluation.train();
        int[] testUsers = evaluation.testUsers();
        for (TopNModel model : List.of(SetlistModels.knn(Weighting.NORMALISED), SetlistModels.knn(Weighting.BM25),
                SetlistModels.globalPopularity(), SetlistModels.segmentPopularity())) {
            int[][] lists = model.recommend(train, data, testUsers, 20);
            for (int i = 0; i < testUsers.length; i++) {
                IntOpenHashSet owned = new IntOpenHashSet(SetlistModels.owned(train, testUsers[i]));
                assertThat(lists[i]).as("%s, user %d", model.name(), testUsers[i])
                        .hasSize(20).doesNotHaveDuplicates()
                        .satisfies(list -> assertThat(Arrays.stream(list).filter(owned::contains)).isEmpty());
            }
        }
    }

    @Test
    void coldStartUsersGetTheirSegmentsTopArtists() {
        Interactions data = synthetic(800);
        PlayCounts counts = data.playCounts(null);
        UserProfile[] byIndex = new UserProfile[counts.users()];
        for (int u = 0; u < counts.users(); u++) {
            byIndex[u] = data.profileOf(counts.userIds().idAt(u));
        }
        UserProfile polishNewcomer = new UserProfile('f', 30, "Poland");
        int[] users = Arrays.copyOf(counts.userIds().toArray(), counts.users() + 1);
        users[counts.users()] = 999_001;
        UserProfile[] profiles = Arrays.copyOf(byIndex, users.length);
        profiles[counts.users()] = polishNewcomer;
        List<RankedItems> out = new ArrayList<>();
        UserKnnRecommender.recommendAll(counts, users, profiles, RecommenderSettings.defaults().withTopN(10), out::add);

        RankedItems items = out.get(counts.users());
        assertThat(items.source()).isEqualTo(Source.SEGMENT);
        // the same list as the Polish segment's own ranking, which differs from the global one
        RankedItems segment = SegmentPopularity.build(counts, byIndex, 10).forUser(999_001, polishNewcomer, 10, new int[0]);
        RankedItems global = SegmentPopularity.build(counts, null, 10).forUser(999_001, UserProfile.unknown(), 10, new int[0]);
        assertThat(items.artistIds()).containsExactly(segment.artistIds());
        assertThat(items.artistIds()).isNotEqualTo(global.artistIds());
    }

    @Test
    void userHoldoutHidesPartOfAFifthOfTheUsers() {
        Interactions data = synthetic(1000);
        boolean[] test = Split.USER_HOLDOUT.testRows(data, null, 11);
        IntOpenHashSet testUsers = new IntOpenHashSet();
        for (int i = 0; i < test.length; i++) {
            if (test[i]) {
                testUsers.add(data.rowUser()[i]);
            }
        }
        assertThat(testUsers.size()).isBetween(150, 250);
        assertThat(Split.USER_HOLDOUT.testRows(data, null, 11)).isEqualTo(test); // deterministic by seed
        // validation carved from training never touches test rows
        boolean[] train = new boolean[test.length];
        for (int i = 0; i < test.length; i++) {
            train[i] = !test[i];
        }
        boolean[] validation = Split.RANDOM.testRows(data, train, 12);
        for (int i = 0; i < test.length; i++) {
            assertThat(validation[i] && test[i]).isFalse();
        }
    }

    /** Real data, seconds: Setlist KNN must clearly beat recommending the most popular artists. */
    @Test
    void onHetrecLastfmKnnBeatsGlobalPopularity() {
        Interactions data = DatasetReader.read("hetrec-lastfm", SharedData.dir("hetrec-lastfm-2k"));
        assertThat(data.users()).hasSize(1892);
        assertThat(data.rejected()).isEmpty();
        OfflineEvaluation evaluation = new OfflineEvaluation(data, null, Split.RANDOM.testRows(data, null, 1));
        OfflineEvaluation.Result knn = evaluation.evaluate(SetlistModels.knn(Weighting.BM25), 10);
        OfflineEvaluation.Result popular = evaluation.evaluate(SetlistModels.globalPopularity(), 10);
        assertThat(knn.users()).isGreaterThan(1800);
        assertThat(knn.userCoverage()).isEqualTo(1.0);
        assertThat(knn.ndcg()).isGreaterThan(1.5 * popular.ndcg());
        assertThat(knn.catalogCoverage()).isGreaterThan(popular.catalogCoverage());
    }
}
