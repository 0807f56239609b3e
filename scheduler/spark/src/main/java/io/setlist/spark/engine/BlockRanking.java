package io.setlist.spark.engine;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.neighbours.NeighbourLists;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.UserKnnRecommender;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ranking of the {@code blocks} mode, one task a block: the block's users are ranked from their own rows plus
 * the rows of every user their ranking reads (their neighbours, friends and tag neighbours), shipped from the
 * blocks that own them by a join, never from the whole matrix. The task builds the block's
 * {@code UserKnnRecommender.prepareSubset} from those rows and the broadcast {@link GlobalFacts} and calls the
 * single-JVM {@code rankBlock}.
 *
 * <p>Shuffle: the requests (4 bytes a needed user id) and the needed users' rows (8 bytes a play); every RDD is
 * partitioned by block with the same partitioner, so a block's own rows and lists do not move again.
 */
final class BlockRanking {
    private BlockRanking() {
    }

    /**
     * @param rows     plays keyed by block, partitioned by {@code byBlock}
     * @param lists    merged neighbour lists keyed by block, partitioned by {@code byBlock}
     * @param tagLists merged tag-neighbour lists keyed by block, partitioned by {@code byBlock}
     * @param shipped  counts the payload of the rows shipped to other blocks and of the requests
     */
    static JavaRDD<RankedBlock> rank(JavaPairRDD<Integer, PlayCounts> rows, JavaPairRDD<Integer, NeighbourLists> lists,
                                     JavaPairRDD<Integer, NeighbourLists> tagLists, Broadcast<GlobalFacts> facts,
                                     Partitioner byBlock, LongAccumulator shipped) {
        // 1. which users outside each block its ranking reads, asked of the block that owns them
        JavaPairRDD<Integer, Tuple2<Integer, int[]>> requests = rows.cogroup(lists, tagLists, byBlock)
                .flatMapToPair(block -> {
                    int i = block._1();
                    GlobalFacts f = facts.value();
                    IntOpenHashSet needed = new IntOpenHashSet();
                    for (NeighbourLists l : block._2()._2()) {
                        addNeighbours(l, needed);
                    }
                    for (NeighbourLists l : block._2()._3()) {
                        addNeighbours(l, needed);
                    }
                    for (PlayCounts own : block._2()._1()) {
                        f.addFriendsOf(own, needed);
                    }
                    Int2ObjectOpenHashMap<IntArrayList> byOwner = new Int2ObjectOpenHashMap<>();
                    for (int id : needed) {
                        int owner = f.plan.blockOf(id);
                        if (owner != i) {
                            byOwner.computeIfAbsent(owner, k -> new IntArrayList()).add(id);
                        }
                    }
                    List<Tuple2<Integer, Tuple2<Integer, int[]>>> out = new ArrayList<>(byOwner.size());
                    byOwner.forEach((owner, ids) -> {
                        int[] sorted = ids.toIntArray();
                        Arrays.sort(sorted);
                        shipped.add(4L * sorted.length);
                        out.add(new Tuple2<>(owner, new Tuple2<>(i, sorted)));
                    });
                    return out.iterator();
                });
        // 2. the owners send the rows asked for
        JavaPairRDD<Integer, PlayCounts> sent = rows.cogroup(requests, byBlock).flatMapToPair(owner -> {
            List<Tuple2<Integer, PlayCounts>> out = new ArrayList<>();
            for (PlayCounts own : owner._2()._1()) {
                for (Tuple2<Integer, int[]> ask : owner._2()._2()) {
                    int[] ids = ask._2();
                    PlayCounts part = own.select(id -> Arrays.binarySearch(ids, id) >= 0);
                    shipped.add(GlobalFacts.payloadBytes(part));
                    out.add(new Tuple2<>(ask._1(), part));
                }
            }
            return out.iterator();
        });
        // 3. each block ranks its users
        return rows.cogroup(lists, tagLists, sent, byBlock).map(block -> {
            GlobalFacts f = facts.value();
            List<PlayCounts> parts = new ArrayList<>();
            block._2()._1().forEach(parts::add);
            block._2()._4().forEach(parts::add);
            int k = f.settings.neighbours();
            NeighbourLists own = merged(block._2()._2(), k);
            NeighbourLists tags = merged(block._2()._3(), k);
            return rankBlock(block._1(), PlayCounts.union(parts), own, tags, f);
        });
    }

    private static void addNeighbours(NeighbourLists l, IntOpenHashSet into) {
        for (int i = 0; i < l.users(); i++) {
            for (int r = 0; r < l.countAt(i); r++) {
                into.add(l.neighbourIdAt(i, r));
            }
        }
    }

    private static NeighbourLists merged(Iterable<NeighbourLists> lists, int k) {
        NeighbourLists all = NeighbourLists.empty(k);
        for (NeighbourLists l : lists) {
            all = all.merge(l);
        }
        return all;
    }

    /** On an executor: the single-JVM ranking of block {@code b}'s users over the rows it was sent. */
    static RankedBlock rankBlock(int b, PlayCounts rows, NeighbourLists lists, NeighbourLists tags, GlobalFacts f) {
        RecommenderSettings s = f.settings.settings(1);
        UserKnnRecommender.Prepared prepared = UserKnnRecommender.prepareSubset(rows, f.users().profilesOf(rows),
                f.plays, f.segments, f.friendUsers, f.friendFriends, tags, s);
        int[] positions = f.users().positionsIn(f.plan, b);
        int[] ids = new int[positions.length];
        UserProfile[] profiles = new UserProfile[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ids[i] = f.users().idAt(positions[i]);
            profiles[i] = f.users().profileAt(positions[i]);
        }
        RankedBlock out = new RankedBlock();
        UserKnnRecommender.rankBlock(prepared, lists.toIndex(rows.userIds()), ids, profiles, out::add);
        return out.compact();
    }
}
