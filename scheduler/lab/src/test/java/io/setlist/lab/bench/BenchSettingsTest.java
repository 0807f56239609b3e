package io.setlist.lab.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code bench predictions} refuses counts no run can use with a message naming the option, before any set-up. */
class BenchSettingsTest {

    @Test
    void negativeOrZeroCountsNameTheirOption() {
        assertThatThrownBy(() -> new SyncPredictionsBench.Settings(0, 5, 2, 42, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--requests");
        assertThatThrownBy(() -> new SyncPredictionsBench.Settings(200, 5, 0, 42, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--clients");
        assertThatThrownBy(() -> new SyncPredictionsBench.Settings(200, -1, 2, 42, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--baseline-requests");
        // the full window pass sets the predictions/s baseline, so it cannot be skipped; the bounded one can
        assertThatThrownBy(() -> new SyncPredictionsBench.Settings(200, 0, 2, 42, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--baseline-requests");
        assertThatThrownBy(() -> new SyncPredictionsBench.Settings(200, 5, 2, 42, false, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warm-up");
        assertThatCode(() -> new SyncPredictionsBench.Settings(200, 0, 2, 42, true, 0)).doesNotThrowAnyException();
    }

    @Test
    void aWarehouseBeyondTheDiskIsRefusedBeforeGenerating() {
        long max = ListeningWarehouse.Settings.MAX_EVENTS;
        assertThatCode(() -> ListeningWarehouse.Settings.of(max, 42, 180)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ListeningWarehouse.Settings.of(max + 1, 42, 180))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + max);
        assertThatThrownBy(() -> ListeningWarehouse.Settings.of(99_999_999_999L, 42, 180))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
