package io.setlist.spark.engine;

import io.setlist.recommender.interactions.MatrixTotals;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.neighbours.NeighbourLists;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.SegmentPopularity;
import io.setlist.recommender.ranking.SegmentTally;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.recommender.ranking.UserRelations;
import io.setlist.scheduler.pipeline.TerminalProgress;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code blocks} mode of {@link SparkRecommendStage}, where no executor and not the driver holds the play
 * matrix: B user blocks (user-id ranges) read by B tasks into an RDD keyed by block; whole-matrix facts by Spark
 * reduces ({@link MatrixTotals}, {@link SegmentTally}: O(artists + segments)); the exact neighbour search by block
 * pairs ({@link BlockPairSearch}); the ranking per unit (a user-id range) over the rows it reads
 * ({@link BlockRanking}). Every
 * number comes from the recommender module's own code, as in the single JVM.
 *
 * <p>What the driver holds: the users and profiles (O(N)), the totals and charts (O(artists + segments × top N)),
 * friendships and tag use (O(relations)), then one block's lists at a time while writing.
 */
final class PartitionedRecommend {
    private PartitionedRecommend() {
    }

    /**
     * Figures of a {@code blocks} run. Payloads are the arrays' bytes before Spark's serialisation and compression.
     *
     * @param rowBytes     Σ over blocks of their rows' payload (8 bytes a play, 8 a user, 4 an artist per block)
     * @param listBytes    partial neighbour lists sent to the merge (8 + 8k bytes a user per pair task it is in)
     * @param shippedBytes requests (4 bytes a needed user) and rows sent to the blocks that rank with them
     */
    record Figures(int blocks, int rankUnits, long plays, int artists, long rowBytes, long listBytes, long shippedBytes,
                   long broadcastBytes, SparkTaskTotals.Snapshot factsMetrics, SparkTaskTotals.Snapshot searchMetrics,
                   SparkTaskTotals.Snapshot rankMetrics) {
        /** The shuffle formula: (B − 1) · rows (1 · rows when B = 1) + partial lists + requests and shipped rows. */
        long predictedShuffleBytes() {
            return Math.max(1, blocks - 1) * rowBytes + listBytes + shippedBytes;
        }
    }

    /** The ranked blocks (cached; {@code release} frees them) and the run's figures. */
    record Ranked(JavaRDD<RankedBlock> ranked, Figures figures, Runnable release) {
    }

    static Ranked rank(JavaSparkContext spark, WarehouseAddress address, int[] lowestHighest, int blocks,
                       int rankUnits, UserDirectory directory, UserRelations relations, RecommenderSettings settings,
                       SparkTaskTotals totals, TerminalProgress progress) {
        List<Runnable> release = new ArrayList<>();
        long t0 = System.nanoTime();
        SparkTaskTotals.Snapshot before = totals.snapshot();
        BlockPlan plan = BlockPlan.over(lowestHighest, blocks);
        Partitioner byBlock = new HashPartitioner(plan.blocks());
        BlockPlan units = BlockPlan.over(lowestHighest, rankUnits > 0 ? rankUnits : plan.blocks());
        Partitioner byUnit = new HashPartitioner(units.blocks());
        List<Tuple2<Integer, int[]>> ranges = new ArrayList<>();
        for (int b = 0; b < plan.blocks(); b++) {
            ranges.add(new Tuple2<>(b, plan.range(b)));
        }
        // partitioned before the read, so that the rows keep the partitioner and later cogroups do not move them
        JavaPairRDD<Integer, PlayCounts> rows = spark.parallelizePairs(ranges, plan.blocks()).partitionBy(byBlock)
                .mapValues(r -> PlayBlock.read(address, r[0], r[1]).toCounts())
                .persist(StorageLevel.MEMORY_AND_DISK());
        release.add(() -> rows.unpersist(false));
        Broadcast<UserDirectory> users = spark.broadcast(directory);
        release.add(users::destroy);
        MatrixTotals playTotals = rows.values().map(MatrixTotals::of).reduce(MatrixTotals::plus);
        long rowBytes = rows.values().map(GlobalFacts::payloadBytes).reduce(Long::sum);
        SegmentPopularity segments = rows.values().map(c -> SegmentTally.of(c, users.value().profilesOf(c)))
                .reduce(SegmentTally::plus).toPopularity(playTotals.artistIds(), settings.topN());
        PlayCounts tagUse = relations.tagUse();
        GlobalFacts shared = new GlobalFacts(plan, units, playTotals, MatrixTotals.of(tagUse), segments,
                ShippedSettings.of(settings), users, relations.friendUsers(), relations.friendFriends());
        Broadcast<GlobalFacts> facts = spark.broadcast(shared);
        release.add(facts::destroy);
        SparkTaskTotals.Snapshot factsMetrics = totals.snapshot().minus(before);
        long t1 = System.nanoTime();
        progress.record("matrix+facts", (t1 - t0) / 1e9);

        before = totals.snapshot();
        LongAccumulator listBytes = spark.sc().longAccumulator("partial neighbour lists");
        JavaPairRDD<Integer, NeighbourLists> lists = BlockPairSearch.search(rows, plan, byBlock, c -> {
            GlobalFacts f = facts.value();
            return UserKnnRecommender.searchSubset(c, f.users().profilesOf(c), f.plays, f.settings.settings(1));
        }, listBytes).persist(StorageLevel.MEMORY_AND_DISK());
        release.add(() -> lists.unpersist(false));
        JavaPairRDD<Integer, NeighbourLists> tagLists;
        int k = settings.neighbours();
        if (settings.scoring().tagWeight() > 0 && tagUse.nonZeros() > 0) {
            // the tag source's search, by the same block pairs over the users × tags matrix
            List<Tuple2<Integer, PlayCounts>> tagBlocks = new ArrayList<>();
            for (int b = 0; b < plan.blocks(); b++) {
                int block = b;
                tagBlocks.add(new Tuple2<>(b, tagUse.select(id -> plan.blockOf(id) == block)));
            }
            JavaPairRDD<Integer, NeighbourLists> searched = BlockPairSearch.search(
                    spark.parallelizePairs(tagBlocks, plan.blocks()).partitionBy(byBlock), plan, byBlock,
                    c -> UserKnnRecommender.tagNeighbours(c, facts.value().tags, k, 1), listBytes)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            release.add(() -> searched.unpersist(false));
            tagLists = searched;
        } else {
            tagLists = spark.parallelizePairs(new ArrayList<Tuple2<Integer, NeighbourLists>>(), 1).partitionBy(byBlock);
        }
        lists.count();
        tagLists.count();
        SparkTaskTotals.Snapshot searchMetrics = totals.snapshot().minus(before);
        long t2 = System.nanoTime();
        progress.record("neighbours", (t2 - t1) / 1e9);

        before = totals.snapshot();
        LongAccumulator shipped = spark.sc().longAccumulator("rows shipped for ranking");
        JavaRDD<RankedBlock> ranked = BlockRanking.rank(spark, rows, lists, tagLists, facts, byBlock, byUnit, shipped)
                .persist(StorageLevel.MEMORY_AND_DISK());
        release.add(() -> ranked.unpersist(false));
        ranked.count();
        SparkTaskTotals.Snapshot rankMetrics = totals.snapshot().minus(before);
        progress.record("ranking", (System.nanoTime() - t2) / 1e9);

        long plays = 0;
        for (int listeners : playTotals.listenersOf(playTotals.artistIds())) {
            plays += listeners; // an artist's listeners are its plays rows
        }
        Figures figures = new Figures(plan.blocks(), units.blocks(), plays, playTotals.artistIds().size(), rowBytes, listBytes.value(),
                shipped.value(), shared.payloadBytes() + directory.payloadBytes(), factsMetrics, searchMetrics,
                rankMetrics);
        return new Ranked(ranked, figures, () -> {
            for (int i = release.size() - 1; i >= 0; i--) {
                release.get(i).run();
            }
        });
    }
}
