package io.setlist.recommender.interactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.setlist.recommender.testing.RandomPlays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RowWeightsTest {

    @ParameterizedTest
    @EnumSource(Weighting.class)
    void everyRowHasUnitNormAndPositiveWeights(Weighting weighting) {
        PlayCounts counts = RandomPlays.counts(5, 200, 150, 30);
        float[] w = RowWeights.apply(counts, weighting);

        assertThat(w).hasSize(counts.columns().length);
        for (int u = 0; u < counts.users(); u++) {
            double sumSquares = 0;
            for (int i = counts.rowStart()[u]; i < counts.rowStart()[u + 1]; i++) {
                assertThat(w[i]).isPositive();
                sumSquares += (double) w[i] * w[i];
            }
            assertThat(Math.sqrt(sumSquares)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void normalisedAndLogFollowTheirFormulas() {
        PlayCounts counts = PlayCounts.builder().add(1, 1, 3).add(1, 2, 4).build();
        float[] normalised = RowWeights.apply(counts, Weighting.NORMALISED);
        assertThat(normalised[0]).isCloseTo(0.6f, within(1e-6f)); // 3/7 and 4/7 rescaled to unit length
        assertThat(normalised[1]).isCloseTo(0.8f, within(1e-6f));

        float[] log = RowWeights.apply(counts, Weighting.LOG);
        double a = Math.log1p(3);
        double b = Math.log1p(4);
        assertThat((double) log[0]).isCloseTo(a / Math.hypot(a, b), within(1e-6));
    }

    @Test
    void bm25GivesAPopularArtistLessWeightThanARareOneWithEqualPlays() {
        PlayCounts.Builder builder = PlayCounts.builder();
        builder.add(1, 100, 10).add(1, 200, 10);  // 100 is popular, 200 rare, equal plays
        for (int user = 2; user <= 20; user++) {
            builder.add(user, 100, 5).add(user, 300, 5);
        }
        PlayCounts counts = builder.build();
        float[] w = RowWeights.apply(counts, Weighting.BM25);

        int row = counts.rowStart()[counts.userIds().indexOf(1)];
        assertThat(counts.artistIds().idAt(counts.columns()[row])).isEqualTo(100);
        assertThat(w[row]).isLessThan(w[row + 1]);

        // Plain log weighting cannot tell them apart, which is the point of BM25's IDF.
        float[] log = RowWeights.apply(counts, Weighting.LOG);
        assertThat(log[row]).isEqualTo(log[row + 1]);
    }

    @Test
    void bm25SaturatesHeavyPlays() {
        PlayCounts counts = PlayCounts.builder().add(1, 1, 1000).add(1, 2, 10).add(2, 1, 3).add(2, 2, 3).build();
        float[] w = RowWeights.apply(counts, Weighting.BM25);
        // 100x the plays yields far less than 100x the weight (both artists have the same IDF).
        assertThat(w[0] / w[1]).isGreaterThan(1f).isLessThan(2f);
    }
}
