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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ranking of the {@code blocks} mode, one task a ranking unit (a user-id range of {@code GlobalFacts.ranking},
 * U of them; by default the search's B blocks): the unit's users are ranked from the rows of every user their
 * ranking reads (themselves, their neighbours, friends and tag neighbours), asked of the search blocks that own
 * them by a join, never from the whole matrix. The task builds the unit's {@code UserKnnRecommender.prepareSubset}
 * from those rows and the broadcast {@link GlobalFacts} and calls the single-JVM {@code rankBlock}.
 *
 * <p>Shuffle: the requests (4 bytes a needed user id) and the needed users' rows (8 bytes a play). Smaller units
 * read fewer rows each (memory) and, together, more (shuffle): a unit of s users reads at most
 * s · (1 + k + friends + k) users' rows.
 */
final class BlockRanking {
    private BlockRanking() {
    }

    /**
     * @param rows     plays keyed by search block, partitioned by {@code byBlock}
     * @param lists    merged neighbour lists keyed by search block
     * @param tagLists merged tag-neighbour lists keyed by search block
     * @param shipped  counts the payload of the requests and of the rows sent
     */
    static JavaRDD<RankedBlock> rank(JavaSparkContext spark, JavaPairRDD<Integer, PlayCounts> rows,
                                     JavaPairRDD<Integer, NeighbourLists> lists,
                                     JavaPairRDD<Integer, NeighbourLists> tagLists, Broadcast<GlobalFacts> facts,
                                     Partitioner byBlock, Partitioner byUnit, LongAccumulator shipped) {
        BlockPlan units = facts.value().ranking;
        List<Tuple2<Integer, Integer>> keys = new ArrayList<>();
        for (int u = 0; u < units.blocks(); u++) {
            keys.add(new Tuple2<>(u, u));
        }
        // every unit, also one whose users have no plays (they get the segment fallback)
        JavaPairRDD<Integer, Integer> all = spark.parallelizePairs(keys, units.blocks()).partitionBy(byUnit);
        JavaPairRDD<Integer, NeighbourLists> unitLists = byUnit(lists, units, byUnit);
        JavaPairRDD<Integer, NeighbourLists> unitTags = byUnit(tagLists, units, byUnit);
        // 1. which users each unit's ranking reads, asked of the search block that owns them
        JavaPairRDD<Integer, Tuple2<Integer, int[]>> requests = all.cogroup(unitLists, unitTags, byUnit)
                .flatMapToPair(unit -> {
                    int u = unit._1();
                    GlobalFacts f = facts.value();
                    IntOpenHashSet needed = new IntOpenHashSet();
                    for (NeighbourLists l : unit._2()._2()) {
                        addUsersAndNeighbours(l, needed);
                    }
                    for (NeighbourLists l : unit._2()._3()) {
                        addUsersAndNeighbours(l, needed);
                    }
                    int[] ranked = f.users().idsIn(units, u);
                    needed.addAll(IntArrayList.wrap(ranked));
                    f.addFriendsOf(ranked, needed);
                    Int2ObjectOpenHashMap<IntArrayList> byOwner = new Int2ObjectOpenHashMap<>();
                    for (int id : needed) {
                        byOwner.computeIfAbsent(f.plan.blockOf(id), k -> new IntArrayList()).add(id);
                    }
                    List<Tuple2<Integer, Tuple2<Integer, int[]>>> out = new ArrayList<>(byOwner.size());
                    byOwner.forEach((owner, ids) -> {
                        int[] sorted = ids.toIntArray();
                        Arrays.sort(sorted);
                        shipped.add(4L * sorted.length);
                        out.add(new Tuple2<>(owner, new Tuple2<>(u, sorted)));
                    });
                    return out.iterator();
                });
        // 2. the owners send the rows asked for (users without plays have none)
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
        // 3. each unit ranks its users
        return all.cogroup(unitLists, unitTags, sent, byUnit).map(unit -> {
            GlobalFacts f = facts.value();
            List<PlayCounts> parts = new ArrayList<>();
            unit._2()._4().forEach(parts::add);
            int k = f.settings.neighbours();
            return rankUnit(unit._1(), PlayCounts.union(parts), merged(unit._2()._2(), k), merged(unit._2()._3(), k),
                    f);
        });
    }

    /** Lists re-keyed from search blocks to the ranking units of their users. */
    private static JavaPairRDD<Integer, NeighbourLists> byUnit(JavaPairRDD<Integer, NeighbourLists> lists,
                                                               BlockPlan units, Partitioner byUnit) {
        return lists.flatMapToPair(block -> {
            NeighbourLists l = block._2();
            IntOpenHashSet unitsOf = new IntOpenHashSet();
            for (int i = 0; i < l.users(); i++) {
                unitsOf.add(units.blockOf(l.userIdAt(i)));
            }
            List<Tuple2<Integer, NeighbourLists>> out = new ArrayList<>(unitsOf.size());
            for (int u : unitsOf) {
                out.add(new Tuple2<>(u, l.select(id -> units.blockOf(id) == u)));
            }
            return out.iterator();
        }).reduceByKey(byUnit, NeighbourLists::merge);
    }

    private static void addUsersAndNeighbours(NeighbourLists l, IntOpenHashSet into) {
        for (int i = 0; i < l.users(); i++) {
            into.add(l.userIdAt(i));
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

    /** On an executor: the single-JVM ranking of unit {@code u}'s users over the rows it was sent. */
    static RankedBlock rankUnit(int u, PlayCounts rows, NeighbourLists lists, NeighbourLists tags, GlobalFacts f) {
        RecommenderSettings s = f.settings.settings(1);
        UserKnnRecommender.Prepared prepared = UserKnnRecommender.prepareSubset(rows, f.users().profilesOf(rows),
                f.plays, f.segments, f.friendUsers, f.friendFriends, tags, s);
        int[] positions = f.users().positionsIn(f.ranking, u);
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
