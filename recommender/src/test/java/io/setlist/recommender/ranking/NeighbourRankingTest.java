package io.setlist.recommender.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.testing.RandomPlays;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighbourRankingTest {

    @Test
    void neverRecommendsAnOwnedArtistAndScoresMatchTheDefinition() {
        PlayCounts counts = RandomPlays.counts(17, 250, 120, 15);
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        NeighbourIndex index = NeighbourIndex.build(counts, w, null, 0, 20, 2);
        NeighbourRanking ranking = new NeighbourRanking(counts, w, index);

        int nonEmpty = 0;
        for (int u = 0; u < counts.users(); u++) {
            RankedItems items = ranking.recommend(u, 15);
            Set<Integer> owned = new HashSet<>();
            for (int i = counts.rowStart()[u]; i < counts.rowStart()[u + 1]; i++) {
                owned.add(counts.artistIds().idAt(counts.columns()[i]));
            }
            Map<Integer, Double> expected = naiveScores(counts, w, index, u, owned);

            assertThat(items.userId()).isEqualTo(counts.userIds().idAt(u));
            assertThat(items.source()).isEqualTo(Source.NEIGHBOURS);
            assertThat(items.size()).isEqualTo(Math.min(15, expected.size()));
            assertThat(Arrays.stream(items.artistIds()).filter(owned::contains).toArray()).as("owned").isEmpty();
            assertThat(items.artistIds()).doesNotHaveDuplicates();
            for (int r = 0; r < items.size(); r++) {
                assertThat((double) items.scores()[r]).isCloseTo(expected.get(items.artistIds()[r]), within(1e-5));
                if (r > 0) {
                    assertThat(items.scores()[r]).isLessThanOrEqualTo(items.scores()[r - 1]);
                }
            }
            // nothing left out scores higher than the last one kept
            if (items.size() > 0) {
                float last = items.scores()[items.size() - 1];
                Set<Integer> kept = new HashSet<>();
                for (int id : items.artistIds()) {
                    kept.add(id);
                }
                expected.forEach((artist, score) -> {
                    if (!kept.contains(artist)) {
                        assertThat(score).isLessThanOrEqualTo(last + 1e-5);
                    }
                });
                nonEmpty++;
            }
        }
        assertThat(nonEmpty).isGreaterThan(counts.users() / 2);
    }

    @Test
    void simpleExample() {
        // user 1 and 2 share artist 10; 2 also has 20, so 1 gets 20 and never 10.
        PlayCounts counts = PlayCounts.builder().add(1, 10, 4).add(2, 10, 4).add(2, 20, 1).build();
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        NeighbourRanking ranking = new NeighbourRanking(counts, w, NeighbourIndex.build(counts, w, null, 0, 5, 1));

        RankedItems items = ranking.recommend(0, 10);
        assertThat(items.artistIds()).containsExactly(20);
        assertThat(ranking.recommend(1, 10).artistIds()).isEmpty(); // 1 has nothing 2 lacks
    }

    private static Map<Integer, Double> naiveScores(PlayCounts counts, float[] w, NeighbourIndex index, int u,
                                                    Set<Integer> owned) {
        Map<Integer, Double> scores = new HashMap<>();
        int[] neighbours = index.neighboursOf(u);
        float[] sims = index.similaritiesOf(u);
        for (int r = 0; r < neighbours.length; r++) {
            int v = neighbours[r];
            for (int i = counts.rowStart()[v]; i < counts.rowStart()[v + 1]; i++) {
                int artist = counts.artistIds().idAt(counts.columns()[i]);
                if (!owned.contains(artist)) {
                    scores.merge(artist, (double) sims[r] * w[i], Double::sum);
                }
            }
        }
        return scores;
    }
}
