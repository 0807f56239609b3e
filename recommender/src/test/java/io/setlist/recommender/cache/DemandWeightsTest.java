package io.setlist.recommender.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DemandWeightsTest {
    private static final long DAY = 86_400_000L;
    private static final long END = 10 * DAY;

    @Test
    void blendsTheRecencyWeightedWindowWithTheHistoryRate() {
        // Window 2 days, half-life 1 day: ages 0 and 1 weigh 1 and 1/2, normalised by 1.5. History: the earliest
        // play is 5 days before the end, so 5 history days.
        DemandWeights w = new DemandWeights(2, 1, 0.5);
        long[] ts = {5 * DAY, 6 * DAY, 8 * DAY + 1000, 9 * DAY + 1000};
        int[] track = {0, 1, 0, 0};
        double[] expected = new double[2];
        int[] recent = new int[2];
        w.expectedPlays(ts, track, 0, ts.length, END, expected, recent);
        // track 0: 0.5 × (1 + 1/2) / 1.5 + 0.5 × 3 / 5 = 0.5 + 0.3
        assertThat(expected[0]).isCloseTo(0.8, within(1e-12));
        // track 1: played only before the window, 0.5 × 1 / 5
        assertThat(expected[1]).isCloseTo(0.1, within(1e-12));
        assertThat(recent).containsExactly(2, 0);
    }

    @Test
    void aSteadyTrackExpectsItsDailyRateWhateverTheWeights() {
        long[] ts = new long[20];
        int[] track = new int[20];
        for (int d = 0; d < 10; d++) {
            ts[2 * d] = d * DAY + 5;
            ts[2 * d + 1] = d * DAY + 7;
        }
        for (DemandWeights w : new DemandWeights[] {new DemandWeights(4, 2, 0.3), new DemandWeights(10, 7, 0),
                new DemandWeights(1, 1, 1)}) {
            double[] expected = new double[1];
            w.expectedPlays(ts, track, 0, ts.length, END, expected, new int[1]);
            assertThat(expected[0]).as("%s", w).isCloseTo(2, within(1e-12));
        }
    }

    @Test
    void noHistoryWeightIsThePlainRecencyWeightedRate() {
        // Window 3 days, half-life 1: weights 1, 1/2, 1/4 over a norm of 7/4; one play aged 2 days → (1/4)/(7/4).
        double[] expected = new double[1];
        new DemandWeights(3, 1, 0).expectedPlays(new long[] {7 * DAY + 1, 2 * DAY}, new int[] {0, 0}, 0, 2, END,
                expected, new int[1]);
        assertThat(expected[0]).isCloseTo(1.0 / 7, within(1e-12));
    }

    @Test
    void rejectsWeightsOutOfRange() {
        assertThatThrownBy(() -> new DemandWeights(0, 7, 0)).hasMessageContaining("windowDays");
        assertThatThrownBy(() -> new DemandWeights(7, 0, 0)).hasMessageContaining("halfLifeDays");
        assertThatThrownBy(() -> new DemandWeights(7, 7, 1.5)).hasMessageContaining("historyWeight");
        assertThatThrownBy(() -> new DemandWeights(7, Double.NaN, 0)).hasMessageContaining("halfLifeDays");
    }
}
