package io.setlist.spark.engine;

import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.pipeline.RecommendStage;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.scheduler.pipeline.TerminalProgress;
import io.setlist.sql.Database;
import io.setlist.sql.embedded.LocalPostgres;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.recommend.RecommendationTable;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code bench spark}: per size, the single-JVM recommend stage and the Spark one on the same warehouse, one after
 * the other in this process, each writing its own business date; then a check that both dates hold the same rows.
 * In {@code local[N]} the executors are threads of this JVM, so the peak heap is the driver's and the executors'
 * together, and the single JVM runs on N threads too.
 */
public final class EngineComparison {
    private static final LocalDate SINGLE_JVM_DATE = LocalDate.parse("2026-01-01");
    private static final LocalDate SPARK_DATE = LocalDate.parse("2026-01-02");

    private EngineComparison() {
    }

    public static void run(List<Integer> sizes, String master, int tasks, Partitioning partitioning,
                           RecommenderSettings settings, Path dataDir, PrintStream out) {
        try (JavaSparkContext spark = SparkSessions.start("setlist-bench-spark", master)) {
            int cores = spark.defaultParallelism();
            RecommenderSettings single = settings.withThreads(cores);
            out.printf("bench spark: master %s (%d cores), partitioning %s, single JVM on %d threads, %s, k=%d, "
                            + "top %d, max heap %.1f GB%n", master, cores, partitioning.mode(), cores,
                    settings.weighting(), settings.neighbours(), settings.topN(), Runtime.getRuntime().maxMemory() / 1e9);
            for (int users : sizes) {
                runSize(users, spark, tasks, partitioning, single, dataDir, out);
            }
        }
    }

    private static void runSize(int users, JavaSparkContext spark, int tasks, Partitioning partitioning,
                                RecommenderSettings settings, Path dataDir, PrintStream out) {
        Path dir = dataDir.resolve("listening-" + users);
        ListeningFiles.writeIfMissing(users, 42, dir);
        try (LocalPostgres pg = LocalPostgres.startEphemeral();
             Database db = Database.open(pg.jdbcUrl("postgres"), pg.user(), "", 4)) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K, dir, ImportProgress.NONE);

            resetHeapPeak();
            long cpu0 = TerminalProgress.processCpuNanos();
            long t0 = System.nanoTime();
            RecommendStage singleJvm = new RecommendStage(db.dataSource(), settings);
            Stage.Outcome jvm = singleJvm.run(new Stage.RunContext(SINGLE_JVM_DATE, "bench-jvm", Instant.now()));
            java.util.Map<String, Double> jvmPhases = phases(jvm.summary());
            double jvmSeconds = (System.nanoTime() - t0) / 1e9;
            double jvmCpu = (TerminalProgress.processCpuNanos() - cpu0) / 1e9;
            long jvmHeap = heapPeak();

            SparkRecommendStage stage = new SparkRecommendStage(spark, db.dataSource(),
                    new WarehouseAddress(pg.jdbcUrl("postgres"), pg.user(), ""), settings, tasks, partitioning);
            resetHeapPeak();
            cpu0 = TerminalProgress.processCpuNanos();
            t0 = System.nanoTime();
            Stage.Outcome onSpark = stage.run(new Stage.RunContext(SPARK_DATE, "bench-spark", Instant.now()));
            double sparkSeconds = (System.nanoTime() - t0) / 1e9;
            double sparkCpu = (TerminalProgress.processCpuNanos() - cpu0) / 1e9;
            long sparkHeap = heapPeak();
            SparkRecommendStage.Report r = stage.lastReport();

            RecommendationTable table = new RecommendationTable(db.dataSource());
            long differing = table.rowsDifferingBetween(SINGLE_JVM_DATE, SPARK_DATE);
            out.printf("%n%,d users, %,d play rows%n", users, onSpark.rowsIn());
            out.printf("  single JVM : %7.1f s wall, %7.1f s CPU, peak heap %.2f GB | %s%n", jvmSeconds, jvmCpu,
                    jvmHeap / 1e9, jvm.summary());
            out.printf("  spark      : %7.1f s wall, %7.1f s CPU, peak heap %.2f GB | %s%n", sparkSeconds, sparkCpu,
                    sparkHeap / 1e9, onSpark.summary());
            // The single JVM streams each ranked chunk into the COPY, so its "ranking" includes most of its write:
            // only neighbours + ranking + write compare like for like.
            double jvmAfterRead = sum(jvmPhases, "neighbours", "ranking", "write");
            double sparkAfterRead = sum(r.seconds(), "neighbours+ranking", "neighbours", "ranking", "write");
            out.printf("  spark / single JVM: %.2fx wall of the stage, %.2fx neighbours+ranking+write (%.1f s / %.1f s); "
                            + "identical lists: %s (%,d rows each, %,d differing)%n",
                    sparkSeconds / jvmSeconds, sparkAfterRead / jvmAfterRead, sparkAfterRead, jvmAfterRead,
                    differing == 0 && jvm.rowsOut() == onSpark.rowsOut() ? "yes" : "NO",
                    onSpark.rowsOut(), differing);
            if (r.partitioned()) {
                BlocksFigures.print(r.blocks(), settings.neighbours(), out);
            } else {
                out.printf("  accumulations (postings read by the Spark blocks = sum of listeners^2): %,d"
                        + " (the single JVM's pairwise search reads about half)%n", r.postingsScanned());
            }
            out.printf("  spark read phase : %d tasks, results %,d B, shuffle read %,d B / written %,d B%n",
                    r.readTasks(), r.readMetrics().resultBytes(), r.readMetrics().shuffleReadBytes(),
                    r.readMetrics().shuffleWriteBytes());
            // blocks mode does not count the postings its pair tasks read, so it states no rate rather than 0
            String rate = r.partitioned() ? "postings not counted in blocks mode" : String.format("%.2g postings a CPU "
                    + "second", r.postingsScanned() / Math.max(1e-9, r.blockMetrics().cpuSeconds()));
            out.printf("  spark block phase: %d tasks, %.1f s executor CPU (%s), broadcast payload "
                            + "%,d B, shuffle read %,d B / written %,d B, peak Spark execution memory %,d B%n",
                    r.blockTasks(), r.blockMetrics().cpuSeconds(), rate, r.broadcastBytes(),
                    r.blockMetrics().shuffleReadBytes(), r.blockMetrics().shuffleWriteBytes(),
                    r.blockMetrics().peakExecutionMemory());
            out.printf("  spark write phase: %d tasks, lists sent to the driver %,d B, shuffle read %,d B / written %,d B%n",
                    r.writeMetrics().tasks(), r.writeMetrics().resultBytes(), r.writeMetrics().shuffleReadBytes(),
                    r.writeMetrics().shuffleWriteBytes());
            if (differing != 0) {
                throw new IllegalStateException(differing + " rows differ between the single-JVM and the Spark run");
            }
        }
    }

    private static double sum(java.util.Map<String, Double> phases, String... names) {
        double total = 0;
        for (String name : names) {
            total += phases.getOrDefault(name, 0.0);
        }
        return total;
    }

    /** The phase timings of a stage summary ("...; matrix 0.1 s, neighbours 3.2 s, ..."). */
    static java.util.Map<String, Double> phases(String summary) {
        java.util.Map<String, Double> phases = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z+]+) (\\d+\\.\\d) s").matcher(summary);
        while (m.find()) {
            phases.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return phases;
    }

    private static void resetHeapPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound, as the pools need not peak together. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
