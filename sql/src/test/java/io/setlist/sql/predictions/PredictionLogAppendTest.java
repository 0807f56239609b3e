package io.setlist.sql.predictions;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small batch is one INSERT, a large one one COPY: both store exactly the same values, awkward ones included
 * (characters COPY and array literals escape, the string NULL, a null variant, extreme doubles).
 */
class PredictionLogAppendTest {
    private static final String[] KEYS = {"plain", "tab\there", "back\\slash", "quote\"d", "{brace,comma}", "NULL",
            "é ünï 🎵", "new\nline", " spaced "};
    private static final double[] DOUBLES = {0.1 + 0.2, Double.MIN_NORMAL, 1 - 1e-16, 0.0, 1.0, 1e-300, 0.5};

    @Test
    void theInsertAndTheCopyStoreTheSameRows() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            List<PredictionLog.Entry> small = entries("i", 40);
            List<PredictionLog.Entry> large = entries("c", PredictionLog.INSERT_ROWS + 1);
            PredictionLog log = new PredictionLog(db.dataSource());
            assertThat(log.append(small)).isEqualTo(small.size());
            assertThat(log.append(large)).isEqualTo(large.size());
            try (Connection c = db.dataSource().getConnection()) {
                // Each path on its own too, so that neither hides behind the other.
                assertThat(PredictionLog.insert(c, entries("I", 3))).isEqualTo(3);
                assertThat(PredictionLog.copy(c, entries("C", 3))).isEqualTo(3);
            }
            List<String> inserted = rows(db, "i");
            assertThat(inserted).hasSize(40).isEqualTo(rows(db, "c").subList(0, 40));
            assertThat(rows(db, "I")).hasSize(3).isEqualTo(rows(db, "C"));
            for (int i = 0; i < small.size(); i++) {
                PredictionLog.Entry e = small.get(i);
                assertThat(inserted.get(i)).isEqualTo(String.join("|", e.model(), Integer.toString(e.version()),
                        String.valueOf(e.variant()), e.userKey().substring(1), e.trackKey(),
                        Long.toString(e.playTs().toEpochMilli()), Double.toString(e.probability()),
                        Double.toString(e.threshold())));
            }
        }
    }

    /** Entries whose user key is {@code prefix + i}; the other fields cycle through awkward values. */
    private static List<PredictionLog.Entry> entries(String prefix, int n) {
        List<PredictionLog.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PredictionLog.Entry(UUID.randomUUID(), "completion", 1 + i % 3,
                    i % 2 == 0 ? null : KEYS[i % KEYS.length],
                    prefix + String.format("%04d", i), KEYS[i % KEYS.length],
                    Instant.parse("2026-11-01T00:00:00Z").plusMillis(i * 1_000_003L), DOUBLES[i % DOUBLES.length],
                    DOUBLES[(i + 3) % DOUBLES.length]));
        }
        return out;
    }

    /** The rows of one prefix, in key order, with the prefix stripped from the user key. */
    private static List<String> rows(Database db, String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT model_name, version, variant, user_key, track_key, play_ts, "
                     + "probability, threshold FROM prediction_log WHERE left(user_key, 1) = '" + prefix
                     + "' COLLATE \"C\" ORDER BY user_key COLLATE \"C\"")) {
            while (rs.next()) {
                out.add(String.join("|", rs.getString(1), Integer.toString(rs.getInt(2)),
                        String.valueOf(rs.getString(3)), rs.getString(4).substring(1), rs.getString(5),
                        Long.toString(rs.getTimestamp(6).getTime()), Double.toString(rs.getDouble(7)),
                        Double.toString(rs.getDouble(8))));
            }
        }
        return out;
    }
}
