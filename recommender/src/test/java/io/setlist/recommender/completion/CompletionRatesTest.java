package io.setlist.recommender.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.setlist.recommender.completion.CompletionRates.TrackRate;
import org.junit.jupiter.api.Test;

class CompletionRatesTest {

    @Test
    void smoothsTowardTheGlobalRate() {
        CompletionRates rates = new CompletionRates();
        // track 5: 2 of 2 completed; track 3: 10 of 100 completed
        rates.add(5, true);
        rates.add(5, true);
        for (int i = 0; i < 100; i++) {
            rates.add(3, i < 10);
        }
        double global = 12.0 / 102;
        assertThat(rates.globalRate()).isCloseTo(global, within(1e-12));
        assertThat(rates.tracks()).isEqualTo(2);

        TrackRate[] raw = rates.rates(0);
        assertThat(raw).extracting(TrackRate::trackId).containsExactly(3, 5);
        assertThat(raw[1].probability()).isEqualTo(1.0);

        TrackRate[] smoothed = rates.rates(10);
        assertThat(smoothed[1]).isEqualTo(new TrackRate(5, 2, 2, (2 + 10 * global) / 12));
        assertThat(smoothed[0].probability()).isCloseTo((10 + 10 * global) / 110, within(1e-12));
        // the sparse track moves far toward the global rate, the well-observed one barely moves
        assertThat(1.0 - smoothed[1].probability()).isGreaterThan(0.5);
        assertThat(Math.abs(smoothed[0].probability() - 0.1)).isLessThan(0.01);
    }

    @Test
    void emptyRates() {
        CompletionRates rates = new CompletionRates();
        assertThat(rates.globalRate()).isZero();
        assertThat(rates.rates(5)).isEmpty();
    }

    @Test
    void trackWithNoCompletionsStaysAboveZeroWithAPrior() {
        CompletionRates rates = new CompletionRates();
        rates.add(1, false);
        rates.add(2, true);
        TrackRate[] r = rates.rates(1);
        assertThat(r[0].completions()).isZero();
        assertThat(r[0].probability()).isEqualTo(0.25); // (0 + 1·0.5) / (1 + 1)
    }
}
