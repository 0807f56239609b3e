package io.setlist.spark.engine;

import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RankedItems;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.Source;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.recommender.ranking.UserRelations;
import io.setlist.scheduler.pipeline.RecommendStage;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.scheduler.pipeline.TerminalProgress;
import io.setlist.sql.plays.PlaysReader;
import io.setlist.sql.recommend.RecommendationTable;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code recommend} job on Spark: same inputs, same lists, same table as {@link RecommendStage}, so publish, the
 * run ledger and the API cannot tell which engine ran it.
 *
 * <ol>
 *   <li><b>matrix</b>: the plays are read by {@code readPartitions} tasks, each one user-id range over its own JDBC
 *       connection; the driver gathers them (12 bytes a play) and reads the profiles, friendships and tag use.</li>
 *   <li><b>broadcast</b>: plays, profiles and settings go to every executor once ({@link RecommendInput}); each
 *       executor builds the single-JVM {@link UserKnnRecommender.Prepared} from them, once.</li>
 *   <li><b>neighbours + ranking</b>: one task per {@link UserBlock}: {@code NeighbourIndex.buildRange} over the
 *       block's user indexes, then {@link UserKnnRecommender#rankBlock}. No shuffle: a task reads the broadcast and
 *       returns its lists (8 bytes an artist).</li>
 *   <li><b>write</b>: the driver streams the blocks, one at a time, into {@link RecommendationTable#replace}, the
 *       single-JVM stage's writer: one transaction, so a failed run leaves the date's previous rows.</li>
 * </ol>
 *
 * Neighbours are exact either way: a block runs the full-scan search ({@code buildRange} on a partial range), the
 * single JVM the pairwise one, and {@code NeighbourIndexTest} holds them equal. A block reads Σ over its users of
 * their artists' listener counts, so all blocks together read Σ listeners² postings, twice the pairwise search.
 */
public final class SparkRecommendStage implements Stage {
    private final JavaSparkContext spark;
    private final DataSource warehouse;
    private final WarehouseAddress executorWarehouse;
    private final RecommenderSettings settings;
    private final int tasks;
    private final Partitioning partitioning;
    private final SparkTaskTotals totals = new SparkTaskTotals();
    private volatile Report lastReport;

    /**
     * @param warehouse         the driver's pool (profiles, the write)
     * @param executorWarehouse the same database, as executors reach it
     * @param tasks             neighbour-search tasks (user blocks); 0 = four per core of the cluster
     */
    public SparkRecommendStage(JavaSparkContext spark, DataSource warehouse, WarehouseAddress executorWarehouse,
                               RecommenderSettings settings, int tasks) {
        this(spark, warehouse, executorWarehouse, settings, tasks, Partitioning.BROADCAST);
    }

    /** @param partitioning broadcast the matrix, or split it into user blocks ({@link PartitionedRecommend}) */
    public SparkRecommendStage(JavaSparkContext spark, DataSource warehouse, WarehouseAddress executorWarehouse,
                               RecommenderSettings settings, int tasks, Partitioning partitioning) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be >= 0 (0 = four per core), got " + tasks);
        }
        requireReachable(spark.master(), executorWarehouse);
        this.spark = spark;
        this.warehouse = warehouse;
        this.executorWarehouse = executorWarehouse;
        this.settings = settings;
        this.tasks = tasks;
        this.partitioning = partitioning;
        spark.sc().addSparkListener(totals);
    }

    /** Refuses a loopback warehouse (the embedded one) unless the executors run in this JVM ({@code local[N]}). */
    static void requireReachable(String master, WarehouseAddress warehouse) {
        if (!master.startsWith("local") && warehouse.loopback()) {
            throw new IllegalArgumentException("master " + master + " runs executors on other machines, "
                    + "which cannot reach the warehouse at " + warehouse.jdbcUrl()
                    + ": set SETLIST_JDBC_URL to a PostgreSQL the cluster can reach");
        }
    }

    @Override
    public String job() {
        return "recommend";
    }

    /**
     * Figures of the last run, for the benchmark: Spark's task metrics of its three jobs (read the plays; search and
     * rank, results cached on the executors; stream the cached lists to the driver's writer) and what it moved.
     */
    public record Report(int readTasks, int blockTasks, long broadcastBytes, long postingsScanned,
                         SparkTaskTotals.Snapshot readMetrics, SparkTaskTotals.Snapshot blockMetrics,
                         SparkTaskTotals.Snapshot writeMetrics, Map<String, Double> seconds,
                         PartitionedRecommend.Figures blocks) {
        /** True for a {@code blocks} run ({@link #blocks} holds its figures), false for a broadcast one. */
        public boolean partitioned() {
            return blocks != null;
        }
    }

    public Report lastReport() {
        return lastReport;
    }

    @Override
    public Outcome run(RunContext context) {
        if (partitioning.useBlocks(warehouse)) {
            return runBlocks(context);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        int cores = spark.defaultParallelism();
        long t0 = System.nanoTime();
        SparkTaskTotals.Snapshot beforeRead = totals.snapshot();
        List<int[]> idRanges = idRanges(new PlaysReader(warehouse).userIdRange(), 2 * cores);
        WarehouseAddress address = executorWarehouse;
        List<PlayBlock> blocks = idRanges.isEmpty() ? List.of()
                : spark.parallelize(idRanges, idRanges.size()).map(r -> PlayBlock.read(address, r[0], r[1])).collect();
        IntArrayList userIds = new IntArrayList();
        List<UserProfile> profiles = new ArrayList<>();
        new PlaysReader(warehouse).forEachProfile((userId, gender, age, country) -> {
            userIds.add(userId);
            profiles.add(new UserProfile(gender, age, country));
        });
        UserRelations relations = new PlaysReader(warehouse).relations(settings.scoring().friendWeight() > 0,
                settings.scoring().tagWeight() > 0);
        RecommendInput input = new RecommendInput(blocks, relations, userIds.toIntArray(),
                profiles.toArray(UserProfile[]::new), settings, 1);
        blocks = null; // the input holds the plays now
        SparkTaskTotals.Snapshot readMetrics = totals.snapshot().minus(beforeRead);
        long t1 = System.nanoTime();
        progress.record("matrix", (t1 - t0) / 1e9);

        UserKnnRecommender.Prepared prepared = input.prepared();
        List<UserBlock> plan = UserBlock.plan(prepared.counts().userIds(), input.allUserIds(),
                tasks > 0 ? tasks : 4 * cores);
        Broadcast<RecommendInput> shared = spark.broadcast(input);
        long t2 = System.nanoTime();
        progress.record("weights", (t2 - t1) / 1e9);

        SparkTaskTotals.Snapshot beforeBlocks = totals.snapshot();
        JavaRDD<RankedBlock> ranked = spark.parallelize(plan, plan.size())
                .map(block -> block.recommend(shared.value()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long postingsScanned = 0;
        try {
            // Computes all blocks in parallel (then cached), so that the write below only streams them.
            postingsScanned = ranked.map(b -> b.postingsScanned).fold(0L, Long::sum);
            SparkTaskTotals.Snapshot blockMetrics = totals.snapshot().minus(beforeBlocks);
            long t3 = System.nanoTime();
            progress.record("neighbours+ranking", (t3 - t2) / 1e9);

            SparkTaskTotals.Snapshot beforeWrite = totals.snapshot();
            Map<Source, long[]> bySource = new EnumMap<>(Source.class);
            long[] rows = {write(ranked, context, bySource)};
            progress.record("write", (System.nanoTime() - t3) / 1e9);
            SparkTaskTotals.Snapshot writeMetrics = totals.snapshot().minus(beforeWrite);
            lastReport = new Report(idRanges.size(), plan.size(), input.payloadBytes(), postingsScanned, readMetrics,
                    blockMetrics, writeMetrics, progress.seconds(), null);
            StringBuilder summary = new StringBuilder(String.format(
                    "%d users recommended from %d play rows (%d artists):", userIds.size(), input.plays(),
                    prepared.counts().artists()));
            bySource.forEach((source, n) -> summary.append(' ').append(source.label()).append('=').append(n[0]));
            summary.append("; ").append(progress.timings()).append(String.format(
                    "; engine spark (%s): %d read tasks, %d block tasks, broadcast %.1f MB, results %.1f MB, shuffle %d B",
                    spark.master(), idRanges.size(), plan.size(), input.payloadBytes() / 1e6,
                    writeMetrics.resultBytes() / 1e6,
                    readMetrics.shuffleReadBytes() + blockMetrics.shuffleReadBytes() + writeMetrics.shuffleReadBytes()));
            return new Outcome(input.plays(), rows[0], summary.toString());
        } finally {
            ranked.unpersist(false);
            shared.destroy();
        }
    }

    /**
     * Streams the ranked blocks, one partition at a time ({@code toLocalIterator}: the driver holds one block's
     * lists, 8 bytes an artist), into the single-JVM writer, one transaction. @return rows written
     */
    private long write(JavaRDD<RankedBlock> ranked, RunContext context, Map<Source, long[]> bySource) {
        long[] rows = new long[1];
        try (RecommendationTable.Writer writer = new RecommendationTable(warehouse).replace(context.businessDate())) {
            Iterator<RankedBlock> it = ranked.toLocalIterator();
            while (it.hasNext()) {
                it.next().forEach((RankedItems items) -> {
                    bySource.computeIfAbsent(items.source(), s -> new long[1])[0]++;
                    String source = items.source().label();
                    for (int i = 0; i < items.artistIds().length; i++) {
                        writer.add(items.userId(), i + 1, items.artistIds()[i], items.scores()[i], source);
                        rows[0]++;
                    }
                });
            }
            writer.commit();
        }
        return rows[0];
    }

    /** The {@code blocks} mode: no process holds the play matrix ({@link PartitionedRecommend}). */
    private Outcome runBlocks(RunContext context) {
        TerminalProgress progress = TerminalProgress.onStderr();
        if (settings.maxPostingsPerArtist() != 0) {
            throw new IllegalArgumentException("--partitioning blocks runs the exact search only; the approximate "
                    + "maxPostingsPerArtist " + settings.maxPostingsPerArtist() + " needs --partitioning broadcast");
        }
        IntArrayList userIds = new IntArrayList();
        List<UserProfile> profiles = new ArrayList<>();
        PlaysReader reader = new PlaysReader(warehouse);
        reader.forEachProfile((userId, gender, age, country) -> {
            userIds.add(userId);
            profiles.add(new UserProfile(gender, age, country));
        });
        UserDirectory directory = new UserDirectory(userIds.toIntArray(), profiles.toArray(UserProfile[]::new));
        UserRelations relations = reader.relations(settings.scoring().friendWeight() > 0,
                settings.scoring().tagWeight() > 0);
        int blocks = partitioning.blocksFor(warehouse, spark.defaultParallelism());
        PartitionedRecommend.Ranked r = PartitionedRecommend.rank(spark, executorWarehouse, reader.userIdRange(),
                blocks, partitioning.rankUnits(), directory, relations, settings, totals, progress);
        try {
            long t0 = System.nanoTime();
            SparkTaskTotals.Snapshot beforeWrite = totals.snapshot();
            Map<Source, long[]> bySource = new EnumMap<>(Source.class);
            long rows = write(r.ranked(), context, bySource);
            progress.record("write", (System.nanoTime() - t0) / 1e9);
            SparkTaskTotals.Snapshot writeMetrics = totals.snapshot().minus(beforeWrite);
            PartitionedRecommend.Figures f = r.figures();
            lastReport = new Report(f.blocks(), f.blocks(), f.broadcastBytes(), 0, f.factsMetrics(),
                    f.searchMetrics().plus(f.rankMetrics()), writeMetrics, progress.seconds(), f);
            long shuffle = f.factsMetrics().shuffleWriteBytes() + f.searchMetrics().shuffleWriteBytes()
                    + f.rankMetrics().shuffleWriteBytes();
            StringBuilder summary = new StringBuilder(String.format(
                    "%d users recommended from %d play rows (%d artists):", directory.users(), f.plays(), f.artists()));
            bySource.forEach((source, n) -> summary.append(' ').append(source.label()).append('=').append(n[0]));
            summary.append("; ").append(progress.timings()).append(String.format(
                    "; engine spark (%s), partitioning blocks: %d blocks, %d pair tasks, %d ranking units, broadcast "
                            + "%.1f MB, shuffle %d B written (formula %d B before compression), results %.1f MB",
                    spark.master(), f.blocks(), Math.max(1, f.blocks() * (f.blocks() - 1) / 2), f.rankUnits(),
                    f.broadcastBytes() / 1e6, shuffle, f.predictedShuffleBytes(), writeMetrics.resultBytes() / 1e6));
            return new Outcome(f.plays(), rows, summary.toString());
        } finally {
            r.release().run();
        }
    }

    /** {@code [from, to)} user-id ranges of about equal width covering {@code {lowest, highest}}; none if empty. */
    static List<int[]> idRanges(int[] lowestHighest, int parts) {
        List<int[]> ranges = new ArrayList<>();
        long lo = lowestHighest[0];
        long hi = (long) lowestHighest[1] + 1;
        if (hi <= lo) {
            return ranges;
        }
        int n = (int) Math.max(1, Math.min(parts, hi - lo));
        for (int i = 0; i < n; i++) {
            ranges.add(new int[]{(int) (lo + (hi - lo) * i / n), (int) (lo + (hi - lo) * (i + 1) / n)});
        }
        return ranges;
    }
}
