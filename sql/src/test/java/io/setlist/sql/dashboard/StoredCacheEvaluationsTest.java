package io.setlist.sql.dashboard;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.runs.RunMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the dashboard reads back: the newest stored cache replay whole, and a job's metrics over its last days. */
class StoredCacheEvaluationsTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestWarehouse.freshDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theNewestReplayComesBackWithAllItsPointsAndNothingElse() {
        StoredCacheEvaluations stored = new StoredCacheEvaluations(db.dataSource());
        assertThat(stored.latest()).isEmpty();
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        Instant to = Instant.parse("2026-10-15T00:00:00Z");
        stored.store("old", from, to, 10, 5, 1000, List.of(new StoredCacheEvaluations.Point("lru", 0.1, 100, 10, 0.2, 0.3)));
        List<StoredCacheEvaluations.Point> points = List.of(
                new StoredCacheEvaluations.Point("belady", 0.05, 50, 99, 0.4, 0.5),
                new StoredCacheEvaluations.Point("belady", 0.2, 200, 99, 0.7, 0.8),
                new StoredCacheEvaluations.Point("lru", 0.05, 50, 99, 0.1, 0.15));
        long id = stored.store("generated:/data", from, to, 99, 60, 1000, points);

        StoredCacheEvaluations.Evaluation latest = stored.latest().orElseThrow();
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.source()).isEqualTo("generated:/data");
        assertThat(latest.windowFrom()).isEqualTo(from);
        assertThat(latest.windowTo()).isEqualTo(to);
        assertThat(latest.requests()).isEqualTo(99);
        assertThat(latest.fullPlays()).isEqualTo(60);
        assertThat(latest.points()).containsExactlyElementsOf(points);
    }

    @Test
    void aReplayWithABadPointIsNotStoredAtAll() {
        StoredCacheEvaluations stored = new StoredCacheEvaluations(db.dataSource());
        long before = stored.latest().map(StoredCacheEvaluations.Evaluation::id).orElse(0L);
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        assertThatThrownBy(() -> stored.store("bad", t, t, 1, 1, 1, List.of(
                new StoredCacheEvaluations.Point("lru", 0.1, 1, 1, 0.1, 0.1),
                new StoredCacheEvaluations.Point("lru", 0, 1, 1, 0.1, 0.1)))).isInstanceOf(IllegalStateException.class);
        assertThat(stored.latest().map(StoredCacheEvaluations.Evaluation::id).orElse(0L)).isEqualTo(before);
    }

    @Test
    void metricHistoryKeepsTheLastDaysOfOneJobOldestFirst() {
        RunMetrics metrics = new RunMetrics(db.dataSource());
        LocalDate d = LocalDate.parse("2026-10-10");
        for (int i = 0; i < 5; i++) {
            metrics.record("completion", d.plusDays(i), Map.of("psi_max", 0.1 * i, "psi:hour_sin", 0.01 * i));
        }
        metrics.record("other", d.plusDays(9), Map.of("psi_max", 9.0));
        Map<LocalDate, Map<String, Double>> last = new MetricHistory(db.dataSource()).lastDays("completion", 3);
        assertThat(last.keySet()).containsExactly(d.plusDays(2), d.plusDays(3), d.plusDays(4));
        assertThat(last.get(d.plusDays(4))).containsEntry("psi_max", 0.4).containsEntry("psi:hour_sin", 0.04);
        assertThat(new MetricHistory(db.dataSource()).lastDays("nobody", 3)).isEmpty();
    }
}
