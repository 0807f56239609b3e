package io.setlist.spark.engine;

import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.RecommendStage;
import io.setlist.sql.Database;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.recommend.RecommendationTable;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.workload.SyntheticWorkload;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recommend stage on Spark {@code local[2]} against the single-JVM stage on the same embedded warehouse: each
 * writes its own business date through the run ledger, and the two dates must hold exactly the same rows.
 */
class SparkRecommendStageTest {
    private static final LocalDate SINGLE_JVM = LocalDate.parse("2026-09-10");
    private static final LocalDate ON_SPARK = LocalDate.parse("2026-09-11");
    /** The daily job's scoring (exponents, popularity damping, friend and tag weights), on 2 threads. */
    private static final RecommenderSettings SETTINGS = new RecommenderSettings(Weighting.BM25, 20, 30, 0.1, 3, 2, 0,
            NeighbourScoring.DEFAULT);

    @TempDir
    static Path data;

    private static Database warehouse;
    private static JavaSparkContext spark;

    @BeforeAll
    static void warehouseWithPlays() {
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(600, 3, 7, LocalDate.parse("2026-09-01")), data);
        warehouse = TestWarehouse.freshDatabase();
        WorkloadImport.importDirectory(warehouse.dataSource(), data);
        addUsersWithoutPlaysFriendsAndTags();
        spark = SparkSessions.start("SparkRecommendStageTest", "local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        warehouse.close();
    }

    private static DailyPipeline pipeline(io.setlist.scheduler.pipeline.Stage stage) {
        return new DailyPipeline(List.of(stage), new RunLedger(warehouse.dataSource(), Duration.ofMinutes(5)),
                Clock.systemUTC(), "test-node");
    }

    private static WarehouseAddress address() {
        return WarehouseAddress.of(warehouse.dataSource(), "");
    }

    @Test
    void topListsOnSparkEqualTheSingleJvmStagesExactly() throws Exception {
        pipeline(new RecommendStage(warehouse.dataSource(), SETTINGS)).runOne("recommend", SINGLE_JVM, false);
        // 7 blocks: uneven user ranges, so block borders fall inside the users' id range
        SparkRecommendStage stage = new SparkRecommendStage(spark, warehouse.dataSource(), address(), SETTINGS, 7);
        DailyPipeline.StageReport report = pipeline(stage).runOne("recommend", ON_SPARK, false);

        RecommendationTable table = new RecommendationTable(warehouse.dataSource());
        assertThat(table.rowsOn(ON_SPARK)).isGreaterThan(1000).isEqualTo(table.rowsOn(SINGLE_JVM));
        assertThat(table.rowsDifferingBetween(SINGLE_JVM, ON_SPARK)).isZero();
        assertThat(table.usersOn(ON_SPARK)).isEqualTo(countUsers());
        assertThat(sourcesOn(ON_SPARK)).contains("neighbours", "segment");

        // the plays were read in parallel partitions, the search ran as 7 tasks, and nothing was shuffled
        SparkRecommendStage.Report r = stage.lastReport();
        assertThat(r.readTasks()).isEqualTo(2 * spark.defaultParallelism());
        assertThat(r.readMetrics().tasks()).isEqualTo(r.readTasks());
        assertThat(r.blockTasks()).isEqualTo(7);
        assertThat(r.postingsScanned()).isPositive();
        assertThat(r.blockMetrics().shuffleWriteBytes()).isZero();

        // the run is in the ledger like the single-JVM one: publish reads it the same way
        RunLedger.Entry entry = new RunLedger(warehouse.dataSource(), Duration.ofMinutes(5))
                .find("recommend", ON_SPARK).orElseThrow();
        assertThat(entry.status()).isEqualTo("SUCCEEDED");
        assertThat(entry.rowsOut()).isEqualTo(table.rowsOn(ON_SPARK));
        assertThat(entry.summary()).contains("engine spark (local[2])");
        assertThat(report.skipped()).isFalse();
    }

    /**
     * The {@code blocks} mode (no process holds the matrix): B = 3 (block borders inside the id range; users without
     * plays above it, in the last block), B = 1 (one pair task, no replication), B = 2 chosen by {@code auto}
     * under a 0 MB broadcast limit, and B = 2 with 9 ranking units (unit borders that are not block borders).
     * Exactly the single JVM's rows, friends and tags sources included.
     */
    @ParameterizedTest
    @CsvSource({"blocks, 3, 0, 1", "blocks, 1, 0, 2", "auto, 2, 0, 3", "blocks, 2, 9, 4"})
    void blocksModeWritesTheSingleJvmListsExactly(String mode, int blocks, int units, int day) throws Exception {
        pipeline(new RecommendStage(warehouse.dataSource(), SETTINGS)).runOne("recommend", SINGLE_JVM, false);
        LocalDate date = ON_SPARK.plusDays(day);
        SparkRecommendStage stage = new SparkRecommendStage(spark, warehouse.dataSource(), address(), SETTINGS, 0,
                new Partitioning(mode, 0, blocks, units));
        DailyPipeline.StageReport report = pipeline(stage).runOne("recommend", date, false);

        RecommendationTable table = new RecommendationTable(warehouse.dataSource());
        assertThat(table.rowsOn(date)).isGreaterThan(1000).isEqualTo(table.rowsOn(SINGLE_JVM));
        assertThat(table.rowsDifferingBetween(SINGLE_JVM, date)).isZero();
        assertThat(table.usersOn(date)).isEqualTo(countUsers());
        assertThat(sourcesOn(date)).contains("neighbours", "segment");

        SparkRecommendStage.Report r = stage.lastReport();
        assertThat(r.partitioned()).isTrue();
        assertThat(r.blocks().blocks()).isEqualTo(blocks);
        assertThat(r.blocks().rankUnits()).isEqualTo(units > 0 ? units : blocks);
        assertThat(r.blocks().rowBytes()).isPositive();
        assertThat(r.blocks().listBytes()).isPositive();
        long shuffled = r.blocks().searchMetrics().shuffleWriteBytes() + r.blocks().rankMetrics().shuffleWriteBytes();
        assertThat(shuffled).isPositive();
        if (blocks > 1) {
            // rows shipped between blocks for the ranking, and every block's rows replicated to its pair tasks
            assertThat(r.blocks().shippedBytes()).isPositive();
            assertThat(r.blocks().searchMetrics().shuffleWriteBytes()).isGreaterThan(r.blocks().rowBytes() / 20);
        }
        assertThat(report.skipped()).isFalse();
        assertThat(new RunLedger(warehouse.dataSource(), Duration.ofMinutes(5)).find("recommend", date).orElseThrow()
                .summary()).contains("partitioning blocks: " + blocks + " blocks");
    }

    @Test
    void autoBroadcastsBelowTheLimitAndBadModesAreRefused() {
        SparkRecommendStage stage = new SparkRecommendStage(spark, warehouse.dataSource(), address(), SETTINGS, 3,
                new Partitioning("auto", 1000, 0));
        pipeline(stage).runOne("recommend", ON_SPARK.plusDays(10), false);
        assertThat(stage.lastReport().partitioned()).isFalse();
        assertThatThrownBy(() -> new Partitioning("rows", 1, 0)).hasMessageContaining(
                "--partitioning must be broadcast, blocks or auto, got 'rows'");
    }

    @Test
    void aClusterMasterIsRefusedTheEmbeddedWarehouse() {
        WarehouseAddress embedded = new WarehouseAddress("jdbc:postgresql://127.0.0.1:5432/setlist", "u", "");
        WarehouseAddress shared = new WarehouseAddress("jdbc:postgresql://db.internal:5432/setlist", "u", "");
        SparkRecommendStage.requireReachable("local[2]", embedded);
        SparkRecommendStage.requireReachable("spark://master:7077", shared);
        assertThatThrownBy(() -> SparkRecommendStage.requireReachable("yarn", embedded))
                .hasMessageContaining("cannot reach the warehouse at jdbc:postgresql://127.0.0.1:5432/setlist")
                .hasMessageContaining("SETLIST_JDBC_URL");
        assertThatThrownBy(() -> new SparkRecommendStage(spark, warehouse.dataSource(), embedded, SETTINGS, -1))
                .hasMessageContaining("tasks must be >= 0");
    }

    /**
     * Users without plays (ids above all users with plays), friendships (some with them) and tag use of a third of
     * the users, so that the friends and tag sources of the daily scoring have data.
     */
    private static void addUsersWithoutPlaysFriendsAndTags() {
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (user_key, country, gender, age) VALUES ('no-plays-1', 'UK', 'f', 30), "
                    + "('no-plays-2', NULL, NULL, NULL), ('no-plays-3', 'Japan', 'm', 50)");
            s.executeUpdate("INSERT INTO friendships (user_id, friend_id) SELECT a.user_id, b.user_id FROM users a "
                    + "JOIN users b ON b.user_id = a.user_id * 7 % 613 + 1 WHERE a.user_id <> b.user_id "
                    + "AND a.user_id % 3 = 0 ON CONFLICT DO NOTHING");
            s.executeUpdate("INSERT INTO friendships (user_id, friend_id) SELECT u.user_id, n.user_id FROM users u, "
                    + "users n WHERE n.user_key LIKE 'no-plays-%' AND u.user_key NOT LIKE 'no-plays-%' AND u.user_id % 50 = 1");
            s.executeUpdate("INSERT INTO tag_assignments (user_id, artist_id, tag_id) SELECT p.user_id, p.artist_id, "
                    + "1 + (p.artist_id * 31 + p.user_id) % 12 FROM plays p WHERE p.user_id % 3 = 1 "
                    + "AND p.artist_id % 4 = 0 ON CONFLICT DO NOTHING");
            s.executeUpdate("INSERT INTO tag_assignments (user_id, artist_id, tag_id) SELECT u.user_id, "
                    + "(SELECT min(artist_id) FROM artists), 5 FROM users u WHERE u.user_key = 'no-plays-1'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countUsers() throws Exception {
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> sourcesOn(LocalDate date) throws Exception {
        Set<String> sources = new HashSet<>();
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT source FROM recommendations WHERE business_date = '"
                     + date + "'")) {
            while (rs.next()) {
                sources.add(rs.getString(1));
            }
        }
        return sources;
    }
}
