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
