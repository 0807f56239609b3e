package io.setlist.spark.engine;

import io.setlist.recommender.interactions.MatrixTotals;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.ranking.SegmentPopularity;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;

/**
 * What every task of the {@code blocks} mode shares (one Spark broadcast), none of it O(plays): the block plan, the
 * whole play matrix's {@link MatrixTotals} (O(artists), summed from the blocks by a Spark reduce), the tag matrix's,
 * the segment charts (summed the same way), the settings, the users with their profiles (O(users)) and the
 * friendships (O(friend pairs)).
 */
final class GlobalFacts implements Serializable {
    private static final long serialVersionUID = 1L;

    final BlockPlan plan;
    /** The ranking units: user-id ranges, each ranked by one task ({@link BlockRanking}). */
    final BlockPlan ranking;
    final MatrixTotals plays;
    final MatrixTotals tags;
    final SegmentPopularity segments;
    final ShippedSettings settings;
    private final Broadcast<UserDirectory> users;
    final int[] friendUsers;
    final int[] friendFriends;
    private transient Int2ObjectOpenHashMap<IntArrayList> friendsById;

    GlobalFacts(BlockPlan plan, BlockPlan ranking, MatrixTotals plays, MatrixTotals tags, SegmentPopularity segments,
                ShippedSettings settings, Broadcast<UserDirectory> users, int[] friendUsers, int[] friendFriends) {
        this.plan = plan;
        this.ranking = ranking;
        this.plays = plays;
        this.tags = tags;
        this.segments = segments;
        this.settings = settings;
        this.users = users;
        this.friendUsers = friendUsers;
        this.friendFriends = friendFriends;
    }

    /** The users and profiles: a broadcast of their own, which the segment tally reads before these facts exist. */
    UserDirectory users() {
        return users.value();
    }

    /** The friends of every user of {@code userIds} (either side of a friendship), into {@code out}. */
    void addFriendsOf(int[] userIds, it.unimi.dsi.fastutil.ints.IntSet out) {
        if (friendUsers.length == 0) {
            return;
        }
        Int2ObjectOpenHashMap<IntArrayList> byId = friendsById();
        for (int id : userIds) {
            IntArrayList friends = byId.get(id);
            if (friends != null) {
                out.addAll(friends);
            }
        }
    }

    /** Built once per executor JVM (tasks share the broadcast value): O(friend pairs). */
    private synchronized Int2ObjectOpenHashMap<IntArrayList> friendsById() {
        if (friendsById == null) {
            Int2ObjectOpenHashMap<IntArrayList> byId = new Int2ObjectOpenHashMap<>();
            for (int i = 0; i < friendUsers.length; i++) {
                byId.computeIfAbsent(friendUsers[i], k -> new IntArrayList()).add(friendFriends[i]);
                byId.computeIfAbsent(friendFriends[i], k -> new IntArrayList()).add(friendUsers[i]);
            }
            friendsById = byId;
        }
        return friendsById;
    }

    /** Bytes of the arrays this broadcast carries, without the segment charts (O(segments × top N + artists)). */
    long payloadBytes() {
        return 8L * friendUsers.length + 8L * plays.artistIds().size() + (tags == null ? 0 : 8L * tags.artistIds().size());
    }

    /** Bytes of a block's arrays as they travel: ids, offsets, 8 bytes a play (artist index and plays). */
    static long payloadBytes(PlayCounts rows) {
        return 8L * rows.users() + 4 + 4L * rows.artists() + 8L * rows.nonZeros();
    }
}
