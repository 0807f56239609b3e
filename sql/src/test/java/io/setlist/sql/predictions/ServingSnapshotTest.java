package io.setlist.sql.predictions;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.models.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one statement a prediction request reads: keys resolve to the ids the tables give them (unknown ones are
 * absent), the champion and challenger follow every registration committed on any connection, and the latest
 * event is that of {@code completion/store_latest_event.sql}.
 */
class ServingSnapshotTest {
    private static final List<String> FEATURES = List.of("a", "b");

    @Test
    void readsKeysVersionsAndTheLatestEventAsTheyAreNow() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            ModelRegistry registry = new ModelRegistry(db.dataSource());
            sql(db, "INSERT INTO users (user_key) VALUES ('u1'), ('u2')",
                    "INSERT INTO artists (artist_key, name) VALUES ('a1', 'A')",
                    "INSERT INTO tracks (track_key, artist_id, title, duration_ms, size_bytes, storage_class) "
                            + "SELECT 't1', artist_id, 'T', 1000, 10, 'hot' FROM artists");
            ServingSnapshot empty = read(db, List.of("u1", "nobody"), List.of("t1", "t0"));
            assertThat(empty.users()).containsOnlyKeys("u1");
            assertThat(empty.users().getInt("u1")).isEqualTo(id(db, "SELECT user_id FROM users WHERE user_key = 'u1'"));
            assertThat(empty.tracks()).containsOnlyKeys("t1");
            assertThat(empty.champion()).isEmpty();
            assertThat(empty.challenger()).isEmpty();
            assertThat(empty.latestEvent()).isNull();

            // A key imported after the last read resolves on the next one.
            sql(db, "INSERT INTO users (user_key) VALUES ('nobody')");
            assertThat(read(db, List.of("nobody"), List.of()).users()).containsOnlyKeys("nobody");

            assertThat(registry.register(candidate(0.5, FEATURES), Optional.empty()).promoted()).isTrue();
            ServingSnapshot first = read(db, List.of(), List.of());
            assertThat(first.champion()).hasValue(1);
            assertThat(first.challenger()).isEmpty();

            assertThat(registry.register(candidate(0.6, FEATURES),
                    Optional.of(new ModelRegistry.ChampionScore(1, 0.5))).promoted()).isFalse();
            // Trained on other features: never the challenger, however new.
            registry.register(candidate(0.7, List.of("c")), Optional.of(new ModelRegistry.ChampionScore(1, 0.5)));
            ServingSnapshot second = read(db, List.of(), List.of());
            assertThat(second.champion()).hasValue(1);
            assertThat(second.challenger()).hasValue(2);

            ModelRegistry.Registration promoted = registry.register(candidate(0.1, FEATURES),
                    Optional.of(new ModelRegistry.ChampionScore(1, 0.5)));
            assertThat(promoted.promoted()).isTrue();
            ServingSnapshot third = read(db, List.of(), List.of());
            assertThat(third.champion()).hasValue(4);
            assertThat(third.challenger()).hasValue(2);

            sql(db, "SELECT ensure_event_partitions('2026-11-01', '2026-11-03')",
                    "INSERT INTO events (user_id, ts, event_name) SELECT user_id, '2026-11-02T10:00:00Z', 'OPEN' "
                            + "FROM users WHERE user_key = 'u1'",
                    "INSERT INTO events (user_id, ts, event_name) SELECT user_id, '2026-11-01T10:00:00Z', 'OPEN' "
                            + "FROM users WHERE user_key = 'u2'");
            long[] latest = read(db, List.of(), List.of()).latestEvent();
            assertThat(latest).containsExactly(Instant.parse("2026-11-02T10:00:00Z").toEpochMilli(),
                    id(db, "SELECT max(event_id) FROM events"));
        }
    }

    private static ServingSnapshot read(Database db, List<String> users, List<String> tracks) {
        return ServingSnapshot.read(db.dataSource(), "m", FEATURES, users, tracks);
    }

    private static ModelRegistry.NewVersion candidate(double logLoss, List<String> features) {
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        return new ModelRegistry.NewVersion("m", "logistic-regression", "", features, t, t.plusSeconds(86_400),
                t.plusSeconds(2 * 86_400), t.plusSeconds(3 * 86_400), 0.5,
                new ModelRegistry.Metrics(10, 0.7, 0.7, 0.7, logLoss, 0.2), "test", new byte[] {1});
    }

    private static void sql(Database db, String... statements) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static long id(Database db, String query) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
