package io.setlist.spark.engine;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.neighbours.NeighbourLists;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact neighbour search of the {@code blocks} mode, by block replication: each block's rows go to the B − 1
 * tasks of the pairs {@code (i, j)}, {@code i < j}, it belongs to (the one task (0, 0) when B = 1); a pair task
 * searches the two blocks' rows with the single-JVM search ({@code UserKnnRecommender.searchSubset}: the same
 * {@code NeighbourIndex}, weights from the whole matrix's totals) and emits each user's top k among that pair's
 * users; a reduce by block merges a user's B − 1 partial lists into its exact top k ({@link NeighbourLists#merge}).
 *
 * <p>Shuffle: (B − 1) × the rows (8 bytes a play, 8 a user, 4 an artist of the block) to the pair tasks, plus
 * (B − 1) × (8 + 8k) bytes a user of partial lists to the merge (before Spark's compression). Memory of a pair task:
 * two blocks' rows, weights and inverted index, and their users' k slots: about 48 P / B + 16 N k / B bytes.
 */
final class BlockPairSearch {
    private BlockPairSearch() {
    }

    /**
     * @param rows       the plays (or tag use) keyed by block, every block present
     * @param searchPair the search over the union of one pair's rows, on an executor
     * @param listBytes  counts the partial lists' payload (for the shuffle formula)
     * @return the merged lists keyed by block, partitioned by {@code byBlock}
     */
    static JavaPairRDD<Integer, NeighbourLists> search(JavaPairRDD<Integer, PlayCounts> rows, BlockPlan plan,
                                                       Partitioner byBlock,
                                                       Function<PlayCounts, NeighbourLists> searchPair,
                                                       LongAccumulator listBytes) {
        int blocks = plan.blocks();
        int pairs = plan.pairs().size();
        JavaPairRDD<Integer, Tuple2<Integer, PlayCounts>> replicated = rows.flatMapToPair(block -> {
            int i = block._1();
            List<Tuple2<Integer, Tuple2<Integer, PlayCounts>>> out = new ArrayList<>(Math.max(1, blocks - 1));
            if (blocks == 1) {
                out.add(new Tuple2<>(0, block));
            }
            for (int j = 0; j < blocks && blocks > 1; j++) {
                if (j != i) {
                    out.add(new Tuple2<>(plan.pairIndex(Math.min(i, j), Math.max(i, j)), block));
                }
            }
            return out.iterator();
        });
        return replicated.groupByKey(new HashPartitioner(pairs)).flatMapToPair(pair -> {
            List<PlayCounts> parts = new ArrayList<>(2);
            List<Integer> ofBlocks = new ArrayList<>(2);
            for (Tuple2<Integer, PlayCounts> part : pair._2()) {
                ofBlocks.add(part._1());
                parts.add(part._2());
            }
            NeighbourLists lists = searchPair.call(PlayCounts.union(parts));
            List<Tuple2<Integer, NeighbourLists>> out = new ArrayList<>(2);
            for (int b : ofBlocks) {
                NeighbourLists ofBlock = lists.select(id -> plan.blockOf(id) == b);
                listBytes.add(ofBlock.payloadBytes());
                out.add(new Tuple2<>(b, ofBlock));
            }
            return out.iterator();
        }).reduceByKey(byBlock, NeighbourLists::merge);
    }
}
