package io.setlist.recommender.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.testing.RandomPlays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeighbourScoringTest {

    /** Users 1 and 2 share artist 10; user 2 also has 20 (1 listener) and 30 (3 listeners); 3 is 1's friend. */
    private static PlayCounts small() {
        return PlayCounts.builder()
                .add(1, 10, 5)
                .add(2, 10, 5).add(2, 20, 5).add(2, 30, 5)
                .add(4, 30, 1).add(5, 30, 1)
                .add(3, 40, 9).add(3, 50, 1)
                .build();
    }

    private static NeighbourRanking ranking(PlayCounts counts, NeighbourScoring scoring, UserRelations relations) {
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        NeighbourIndex index = NeighbourIndex.build(counts, w, null, 0, 5, 1);
        return new NeighbourRanking(new NeighbourRanking.Inputs(counts, w, index, scoring, relations, 1));
    }

    @Test
    void popularityDampingPutsTheRarerOfTwoEquallyScoredArtistsFirst() {
        PlayCounts counts = small();
        int user1 = counts.userIds().indexOf(1);
        RankedItems plain = ranking(counts, NeighbourScoring.PLAIN, UserRelations.NONE).recommend(user1, 5);
        assertThat(plain.scores()[0]).isEqualTo(plain.scores()[1]); // 20 and 30: same plays, same neighbour
        RankedItems damped = ranking(counts, NeighbourScoring.PLAIN.withPopularityDamping(0.5), UserRelations.NONE)
                .recommend(user1, 5);
        assertThat(damped.artistIds()).startsWith(20, 30);
        assertThat(damped.scores()[1] / damped.scores()[0]).isCloseTo((float) Math.pow(3, -0.5), within(1e-6f));
    }

    @Test
    void friendsAddTheirArtistsOnlyWithAWeightAndInBothDirections() {
        PlayCounts counts = small();
        UserRelations friends = new UserRelations(new int[] {3}, new int[] {1}, PlayCounts.builder().build());
        int user1 = counts.userIds().indexOf(1);
        assertThat(ranking(counts, NeighbourScoring.PLAIN, friends).recommend(user1, 5).artistIds())
                .doesNotContain(40, 50);
        RankedItems withFriends = ranking(counts, NeighbourScoring.PLAIN.withFriendWeight(0.5), friends)
                .recommend(user1, 5);
        assertThat(withFriends.artistIds()).contains(40, 50);
        // the pair was given as 3 -> 1 only; user 3 gets user 1's artist through it too
        assertThat(ranking(counts, NeighbourScoring.PLAIN.withFriendWeight(0.5), friends)
                .recommend(counts.userIds().indexOf(3), 5).artistIds()).contains(10);
    }

    @Test
    void aZeroWeightExponentCountsNeighboursAndTheExponentsKeepScoresConsistentWithTheExplanation() {
        PlayCounts counts = RandomPlays.counts(5, 120, 60, 12);
        PlayCounts.Builder tags = PlayCounts.builder();
        for (int u = 0; u < counts.users(); u++) {
            tags.add(counts.userIds().idAt(u), 1 + u % 7, 1 + u % 3).add(counts.userIds().idAt(u), 8 + u % 5, 2);
        }
        UserRelations relations = new UserRelations(new int[] {counts.userIds().idAt(0), counts.userIds().idAt(1)},
                new int[] {counts.userIds().idAt(2), counts.userIds().idAt(3)}, tags.build());
        NeighbourScoring scoring = new NeighbourScoring(1.5, 0.75, 0.1, true, true, 0.2, 0.3);
        RecommenderSettings settings = new RecommenderSettings(Weighting.LOG, 5, 10, 0, 0, 1, 0, scoring);
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        NeighbourIndex index = NeighbourIndex.build(counts, w, null, 0, 5, 1);
        NeighbourRanking ranking = new NeighbourRanking(new NeighbourRanking.Inputs(counts, w, index, scoring,
                relations, 1));
        for (int u = 0; u < 4; u++) {
            RankedItems items = ranking.recommend(u, 10);
            assertThat(items.size()).isPositive();
            for (int r = 0; r < items.size(); r++) {
                RecommendationExplanation.Explanation why = RecommendationExplanation.explain(counts, relations,
                        null, settings, items.userId(), items.artistIds()[r], 100);
                assertThat(why.score()).as("user %d artist %d", items.userId(), items.artistIds()[r])
                        .isEqualTo(items.scores()[r]);
            }
        }
        // β = 0: each neighbour adds its (normalised) similarity once, whatever its plays
        NeighbourScoring counting = NeighbourScoring.PLAIN.withWeightExponent(0);
        RankedItems counted = new NeighbourRanking(new NeighbourRanking.Inputs(counts, w, index, counting,
                UserRelations.NONE, 1)).recommend(0, 1);
        Map<Integer, Float> expected = new HashMap<>();
        for (int r = 0; r < index.countOf(0); r++) {
            int v = index.neighbourAt(0, r);
            for (int i = counts.rowStart()[v]; i < counts.rowStart()[v + 1]; i++) {
                expected.merge(counts.artistIds().idAt(counts.columns()[i]), index.similarityAt(0, r), Float::sum);
            }
        }
        assertThat(counted.scores()[0]).isCloseTo(expected.get(counted.artistIds()[0]), within(1e-5f));
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> NeighbourScoring.PLAIN.withSimilarityExponent(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("similarityExponent");
        assertThatThrownBy(() -> NeighbourScoring.PLAIN.withFriendWeight(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourScoring.PLAIN.withPopularityDamping(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
