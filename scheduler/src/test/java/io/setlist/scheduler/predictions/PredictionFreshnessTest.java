package io.setlist.scheduler.predictions;

import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.WarehouseSettings;
import io.setlist.sql.Database;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.models.ModelRegistry;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a prediction request reads in its one statement is read fresh, on every node: two "nodes" (instances with
 * their own pool, feature store and loaded versions, on one real PostgreSQL) serve predictions while the other
 * changes the registry, and users, tracks and events are imported between requests.
 */
class PredictionFreshnessTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(20);
    private static final Instant PLAY_TS = Instant.parse(LAST_DAY + "T23:30:00Z");

    @TempDir
    static Path home;
    private static Backends backends;
    private static Database nodeBPool;
    private static CompletionPredictions nodeA;
    private static CompletionPredictions nodeB;
    private static CompletionPredictions window;
    private static final List<String> USERS = new ArrayList<>();
    private static String track;
    private static VariantSplit SPLIT;

    @BeforeAll
    static void load() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(120, 21, 7, FIRST_DAY), data);
        io.setlist.scheduler.config.Config config = RealBackends.isolatedConfig(home);
        backends = Backends.open(config);
        WorkloadImport.importDirectory(backends.warehouse(), data);
        assertThat(new CompletionModels(backends.warehouse()).train(LAST_DAY, "logistic-regression", "first",
                ModelSelection.Grid.small()).registration().promoted()).isTrue();
        WarehouseSettings settings = config.warehouse(); // the same database, through a pool of its own
        nodeBPool = Database.open(settings.jdbcUrl(), settings.jdbcUser(), "", 4);
        VariantSplit split = VariantSplit.parse("champion:50,challenger:50", "freshness");
        nodeA = new CompletionPredictions(backends.warehouse(), split);
        nodeB = new CompletionPredictions(nodeBPool.dataSource(), split);
        window = new CompletionPredictions(nodeBPool.dataSource(), split,
                PredictionFeatures.WINDOW.open(nodeBPool.dataSource()));
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT user_key FROM users ORDER BY user_id LIMIT 40")) {
                while (rs.next()) {
                    USERS.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT t.track_key FROM events e JOIN tracks t USING (track_id) "
                    + "WHERE e.event_name = 'PLAY' ORDER BY e.event_id DESC LIMIT 1")) {
                rs.next();
                track = rs.getString(1);
            }
        }
        SPLIT = split;
    }

    @AfterAll
    static void close() {
        if (nodeBPool != null) {
            nodeBPool.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void aRegistrationCommittedThroughOneNodeServesTheOtherNodesNextRequest() {
        ModelRegistry registry = new CompletionModels(backends.warehouse()).registry();
        int first = registry.champion(CompletionModels.NAME).orElseThrow();
        List<CompletionPredictions.Request> batch = batch(USERS);
        assertThat(nodeB.scoreChampion(CompletionModels.NAME, batch).orElseThrow().model().version()).isEqualTo(first);
        assertThat(nodeB.experiment(batch).orElseThrow()).allSatisfy(p -> assertThat(p.variant()).isEqualTo("champion"));

        // Node A registers a challenger (not promoted): node B's next experiment serves it to its half.
        int challenger = register(registry, first, false);
        assertThat(USERS.stream().map(SPLIT::assign).distinct()).containsExactlyInAnyOrder("champion", "challenger");
        List<CompletionPredictions.Prediction> split = nodeB.experiment(batch).orElseThrow();
        assertThat(split).allSatisfy(p -> {
            assertThat(p.variant()).isEqualTo(SPLIT.assign(p.request().userKey()));
            assertThat(p.version()).isEqualTo(p.variant().equals("challenger") ? challenger : first);
        });
        assertThat(nodeB.scoreChampion(CompletionModels.NAME, batch).orElseThrow().model().version()).isEqualTo(first);

        // Node A promotes a newer copy: node B's very next request is scored by it; the challenger (the newest
        // version that is not the champion) is still the one registered above.
        int promoted = register(registry, first, true);
        CompletionPredictions.Served served = nodeB.scoreChampion(CompletionModels.NAME, batch).orElseThrow();
        assertThat(served.model().version()).isEqualTo(promoted);
        assertThat(served.predictions()).allSatisfy(p -> assertThat(p.version()).isEqualTo(promoted));
        assertThat(nodeB.experiment(batch).orElseThrow()).allSatisfy(p -> assertThat(p.version())
                .isEqualTo(p.variant().equals("challenger") ? challenger : promoted));
        assertThat(nodeA.scoreChampion(CompletionModels.NAME, batch).orElseThrow().model().version())
                .isEqualTo(promoted);
        assertThat(nodeB.scoreChampion("no-such-model", batch)).isEmpty();
    }

    @Test
    void keysAndEventsImportedAfterTheStoreWasBuiltAreServedAndUnknownKeysStayUnknown() throws Exception {
        assertThatThrownBy(() -> nodeB.scoreChampion(CompletionModels.NAME, batch(List.of(USERS.get(0), "late-user"))))
                .isInstanceOfSatisfying(CompletionPredictions.UnknownKey.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("userId");
                });
        sql("INSERT INTO users (user_key) VALUES ('late-user')");
        List<CompletionPredictions.Request> late = batch(List.of("late-user"));
        assertThat(nodeB.scoreChampion(CompletionModels.NAME, late).orElseThrow().predictions().get(0).probability())
                .isEqualTo(window.scoreChampion(CompletionModels.NAME, late).orElseThrow().predictions().get(0)
                        .probability());

        // Node B's store holds the events up to now; plays of its user imported since must be in its next answer.
        List<CompletionPredictions.Request> one = batch(USERS.subList(0, 1));
        double before = nodeB.scoreChampion(CompletionModels.NAME, one).orElseThrow().predictions().get(0).probability();
        try (Connection c = backends.warehouse().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO events (user_id, ts, event_name, track_id, session_id) SELECT u.user_id, ?::timestamptz, "
                        + "'PLAY', t.track_id, 987654321 FROM users u, tracks t WHERE u.user_key = ? AND t.track_key = ?")) {
            for (int m = 20; m >= 2; m -= 2) {
                s.setString(1, PLAY_TS.minusSeconds(60L * m).toString());
                s.setString(2, USERS.get(0));
                s.setString(3, track);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
        double after = nodeB.scoreChampion(CompletionModels.NAME, one).orElseThrow().predictions().get(0).probability();
        assertThat(after).isNotEqualTo(before)
                .isEqualTo(window.scoreChampion(CompletionModels.NAME, one).orElseThrow().predictions().get(0)
                        .probability());
    }

    @Test
    void everyPredictionIsInTheLogWhenTheCallReturns() throws Exception {
        List<CompletionPredictions.Prediction> served = nodeB.experiment(batch(USERS)).orElseThrow();
        try (Connection c = backends.warehouse().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT probability, version, variant FROM prediction_log WHERE tracking_id = ?")) {
            for (CompletionPredictions.Prediction p : served) {
                s.setObject(1, p.trackingId());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).as(p.trackingId().toString()).isTrue();
                    assertThat(rs.getDouble(1)).isEqualTo(p.probability());
                    assertThat(rs.getInt(2)).isEqualTo(p.version());
                    assertThat(rs.getString(3)).isEqualTo(p.variant());
                }
            }
        }
    }

    /** Registers a copy of version {@code of}: promoted by a comparison it wins, or kept as a challenger. */
    private static int register(ModelRegistry registry, int of, boolean promote) {
        ModelRegistry.Version v = registry.version(CompletionModels.NAME, of).orElseThrow();
        ModelRegistry.Registration r = registry.register(new ModelRegistry.NewVersion(v.name(), v.algorithm(),
                        v.parameters(), v.featureNames(), v.trainFrom(), v.trainTo(), v.evalFrom(), v.evalTo(),
                        v.threshold(), v.metrics(), "copy of v" + of,
                        registry.modelBytes(CompletionModels.NAME, of).orElseThrow()),
                Optional.of(new ModelRegistry.ChampionScore(registry.champion(CompletionModels.NAME).orElseThrow(),
                        promote ? Double.MAX_VALUE : -1)));
        assertThat(r.promoted()).isEqualTo(promote);
        return r.version();
    }

    private static List<CompletionPredictions.Request> batch(List<String> users) {
        return users.stream().map(u -> new CompletionPredictions.Request(u, track, PLAY_TS)).toList();
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
