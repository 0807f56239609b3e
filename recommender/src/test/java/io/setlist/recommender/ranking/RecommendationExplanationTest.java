package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.testing.RandomPlays;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationExplanationTest {
    private static final RecommenderSettings SETTINGS = new RecommenderSettings(Weighting.BM25, 10, 20, 0.1, 3, 2);

    @Test
    void contributionsAddUpToTheScoreTheRecommenderGave() {
        PlayCounts counts = RandomPlays.counts(31, 300, 120, 12);
        int[] userIds = counts.userIds().toArray();
        UserProfile[] profiles = RandomPlays.profiles(5, userIds.length);
        List<RankedItems> lists = new ArrayList<>();
        UserKnnRecommender.recommendAll(counts, userIds, profiles, SETTINGS, lists::add);

        int checked = 0;
        for (int i = 0; i < lists.size() && checked < 40; i += 7) {
            RankedItems items = lists.get(i);
            if (items.source() != Source.NEIGHBOURS || items.size() == 0) {
                continue;
            }
            // The first item is always a neighbour-scored one (segment fill only comes after them).
            RecommendationExplanation.Explanation why = RecommendationExplanation.explain(counts, profiles, SETTINGS,
                    items.userId(), items.artistIds()[0], 1000);
            assertThat(why.score()).as("user %d", items.userId()).isEqualTo(items.scores()[0]);
            assertThat(why.contributions()).isNotEmpty();
            double sum = why.contributions().stream().mapToDouble(c -> c.contribution()).sum();
            assertThat(sum).isCloseTo(items.scores()[0], org.assertj.core.api.Assertions.within(1e-4));
            for (int c = 1; c < why.contributions().size(); c++) {
                assertThat(why.contributions().get(c).contribution())
                        .isLessThanOrEqualTo(why.contributions().get(c - 1).contribution());
            }
            assertThat(why.contributions()).allSatisfy(c -> {
                assertThat(c.neighbourUserId()).isNotEqualTo(items.userId());
                assertThat(c.plays()).isPositive();
            });
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void unknownUserOrArtistHasNoContributions() {
        PlayCounts counts = RandomPlays.counts(3, 50, 30, 5);
        UserProfile[] profiles = new UserProfile[counts.users()];
        assertThat(RecommendationExplanation.explain(counts, profiles, SETTINGS, -42, counts.artistIds().idAt(0), 5)
                .contributions()).isEmpty();
        assertThat(RecommendationExplanation.explain(counts, profiles, SETTINGS, counts.userIds().idAt(0), -7, 5)
                .contributions()).isEmpty();
    }
}
