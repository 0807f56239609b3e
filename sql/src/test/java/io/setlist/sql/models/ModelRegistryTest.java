package io.setlist.sql.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
    private static Database db;
    private static ModelRegistry registry;

    @BeforeAll
    static void open() {
        db = TestWarehouse.freshDatabase();
        registry = new ModelRegistry(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static ModelRegistry.NewVersion candidate(String name, double logLoss, byte[] bytes) {
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        return new ModelRegistry.NewVersion(name, "logistic-regression", "l2=0.01", List.of("a", "b"), t,
                t.plusSeconds(86_400 * 14), t.plusSeconds(86_400 * 21), t.plusSeconds(86_400 * 28), 0.5,
                new ModelRegistry.Metrics(1000, 0.7, 0.65, Double.NaN, logLoss, 0.2), "test " + logLoss, bytes);
    }

    @Test
    void aChallengerBecomesChampionOnlyByBeatingItOnTheSameWindow() {
        ModelRegistry.Registration first = registry.register(candidate("m1", 0.55, new byte[] {1}), Optional.empty());
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.promoted()).isTrue();

        // The champion scored 0.50 on the challenger's window; the challenger's 0.53 is worse: refused.
        ModelRegistry.Registration worse = registry.register(candidate("m1", 0.53, new byte[] {2}),
                Optional.of(new ModelRegistry.ChampionScore(1, 0.50)));
        assertThat(worse.version()).isEqualTo(2);
        assertThat(worse.promoted()).isFalse();
        assertThat(registry.champion("m1")).contains(1);

        // No comparison with the champion at all: refused too.
        assertThat(registry.register(candidate("m1", 0.10, new byte[] {3}), Optional.empty()).promoted()).isFalse();
        // A comparison against a version that is not the champion: refused.
        assertThat(registry.register(candidate("m1", 0.10, new byte[] {4}),
                Optional.of(new ModelRegistry.ChampionScore(2, 0.9))).promoted()).isFalse();

        ModelRegistry.Registration better = registry.register(candidate("m1", 0.45, new byte[] {5}),
                Optional.of(new ModelRegistry.ChampionScore(1, 0.50)));
        assertThat(better.promoted()).isTrue();
        assertThat(registry.champion("m1")).contains(better.version());

        List<ModelRegistry.Version> versions = registry.versions("m1");
        assertThat(versions).extracting(ModelRegistry.Version::version).containsExactly(1, 2, 3, 4, 5);
        assertThat(versions).filteredOn(ModelRegistry.Version::champion).extracting(ModelRegistry.Version::version)
                .containsExactly(5);
        assertThat(versions.get(0).featureNames()).containsExactly("a", "b");
        assertThat(versions.get(0).metrics().auc()).isNaN();
        assertThat(registry.modelBytes("m1", 2)).hasValueSatisfying(b -> assertThat(b).containsExactly(2));
        assertThat(registry.modelBytes("m1", 99)).isEmpty();
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> registry.register(candidate("Bad Name", 0.5, new byte[0]), Optional.empty()))
                .hasMessageContaining("model name");
    }
}
