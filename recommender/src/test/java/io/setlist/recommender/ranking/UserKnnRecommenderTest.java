package io.setlist.recommender.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.testing.RandomPlays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserKnnRecommenderTest {

    private static final RecommenderSettings SETTINGS =
            new RecommenderSettings(Weighting.BM25, 10, 20, 0.1, 3, 2);

    @Test
    void everyUserGetsExactlyOneListAndColdUsersAreFlagged() {
        PlayCounts counts = RandomPlays.counts(23, 400, 150, 10);
        // all users with plays, plus 30 users without any plays, in scrambled order
        List<Integer> ids = new ArrayList<>();
        for (int u = counts.users() - 1; u >= 0; u--) {
            ids.add(counts.userIds().idAt(u));
        }
        for (int i = 0; i < 30; i++) {
            ids.add(i % 2 == 0 ? -1 - i : 1_000_000 + i);
        }
        int[] allUserIds = ids.stream().mapToInt(Integer::intValue).toArray();
        UserProfile[] profiles = RandomPlays.profiles(4, allUserIds.length);

        List<RankedItems> out = new ArrayList<>();
        UserKnnRecommender.recommendAll(counts, allUserIds, profiles, SETTINGS, out::add);

        assertThat(out).hasSize(allUserIds.length);
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            RankedItems items = out.get(i);
            assertThat(items.userId()).isEqualTo(allUserIds[i]); // same order as the input
            seen.merge(items.userId(), 1, Integer::sum);

            int u = counts.userIds().indexOf(items.userId());
            Set<Integer> owned = new HashSet<>();
            if (u >= 0) {
                for (int j = counts.rowStart()[u]; j < counts.rowStart()[u + 1]; j++) {
                    owned.add(counts.artistIds().idAt(counts.columns()[j]));
                }
            }
            boolean warm = u >= 0 && counts.rowLength(u) >= SETTINGS.minPlaysForNeighbours();
            if (!warm) {
                assertThat(items.source()).as("cold user %d", items.userId()).isNotEqualTo(Source.NEIGHBOURS);
            }
            assertThat(Arrays.stream(items.artistIds()).filter(owned::contains).toArray()).as("owned").isEmpty();
            assertThat(items.artistIds()).doesNotHaveDuplicates();
            // the catalogue is large enough that every list can be full
            assertThat(items.size()).isEqualTo(SETTINGS.topN());
            for (int r = 1; r < items.size(); r++) {
                assertThat(items.scores()[r]).isLessThanOrEqualTo(items.scores()[r - 1]);
            }
        }
        assertThat(seen).hasSize(allUserIds.length).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(out).anyMatch(r -> r.source() == Source.NEIGHBOURS);
        assertThat(out).anyMatch(r -> r.source() != Source.NEIGHBOURS);
    }

    @Test
    void shortNeighbourListIsFilledButStaysNeighbours() {
        // Users 1-6 share artists 1,2,3; user 1 additionally has nothing new to learn except 4 from user 2.
        PlayCounts.Builder b = PlayCounts.builder();
        for (int u = 1; u <= 6; u++) {
            b.add(u, 1, 5).add(u, 2, 5).add(u, 3, 5);
        }
        b.add(2, 4, 1);
        b.add(7, 5, 1).add(8, 5, 1).add(9, 6, 2); // cold users (1 artist)
        PlayCounts counts = b.build();
        int[] users = {1, 7, 100};
        UserProfile[] profiles = {UserProfile.unknown(), null, new UserProfile('f', 30, "UK")};
        List<RankedItems> out = new ArrayList<>();
        UserKnnRecommender.recommendAll(counts, users, profiles,
                new RecommenderSettings(Weighting.LOG, 5, 4, 0.0, 3, 1), out::add);

        RankedItems warm = out.get(0);
        assertThat(warm.source()).isEqualTo(Source.NEIGHBOURS);
        assertThat(warm.artistIds()).startsWith(4).containsExactlyInAnyOrder(4, 5, 6);
        assertThat(out.get(1).source()).isEqualTo(Source.GLOBAL);
        assertThat(out.get(1).artistIds()).doesNotContain(5).hasSize(4);
        assertThat(out.get(2).source()).isEqualTo(Source.GLOBAL); // UK segment does not exist
        assertThat(out.get(2).artistIds()).hasSize(4);
    }

    @Test
    void rejectsDuplicateUsersAndMisalignedProfiles() {
        PlayCounts counts = PlayCounts.builder().add(1, 1, 1).build();
        assertThatThrownBy(() -> UserKnnRecommender.recommendAll(counts, new int[] {1, 1},
                new UserProfile[2], SETTINGS, r -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserKnnRecommender.recommendAll(counts, new int[] {1},
                new UserProfile[2], SETTINGS, r -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyCatalogStillGivesEveryUserOneEmptyList() {
        List<RankedItems> out = new ArrayList<>();
        UserKnnRecommender.recommendAll(PlayCounts.builder().build(), new int[] {5, 6},
                new UserProfile[2], RecommenderSettings.defaults(), out::add);
        assertThat(out).extracting(RankedItems::userId).containsExactly(5, 6);
        assertThat(out).allSatisfy(r -> assertThat(r.size()).isZero());
    }

    @Test
    void defaults() {
        RecommenderSettings d = RecommenderSettings.defaults();
        assertThat(d.neighbours()).isEqualTo(50);
        assertThat(d.topN()).isEqualTo(100);
        assertThat(d.profileWeight()).isEqualTo(0.1);
        assertThat(d.minPlaysForNeighbours()).isEqualTo(3);
        assertThat(d.threads()).isPositive();
        assertThat(Source.NEIGHBOURS.label()).isEqualTo("neighbours");
        assertThat(Source.SEGMENT.label()).isEqualTo("segment");
        assertThat(Source.GLOBAL.label()).isEqualTo("global");
    }
}
