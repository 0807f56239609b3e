package io.setlist.sql.predictions;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention of {@code prediction_log}: rows served before the cutoff go, every later one stays. */
class PredictionLogPurgeTest {
    @Test
    void predictionsServedBeforeTheCutoffAreDeletedAndNoOthers() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            PredictionLog log = new PredictionLog(db.dataSource());
            List<PredictionLog.Entry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(new PredictionLog.Entry(UUID.randomUUID(), "completion", 1, null, "u" + i, "t" + i,
                        Instant.parse("2026-11-01T00:00:00Z"), 0.5, 0.5));
            }
            log.append(entries);
            Instant now = Instant.now();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                // Rows 0..3 were served 100 days ago, 4..9 today; the cutoff is 90 days back.
                for (int i = 0; i < 4; i++) {
                    s.executeUpdate("UPDATE prediction_log SET served_at = now() - interval '100 days' "
                            + "WHERE user_key = 'u" + i + "'");
                }
            }
            assertThat(log.purgeServedBefore(now.minus(Duration.ofDays(90)))).isEqualTo(4);
            assertThat(log.purgeServedBefore(now.minus(Duration.ofDays(90)))).isZero();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), min(user_key) FROM prediction_log")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(6);
                assertThat(rs.getString(2)).isEqualTo("u4");
            }
        }
    }
}
