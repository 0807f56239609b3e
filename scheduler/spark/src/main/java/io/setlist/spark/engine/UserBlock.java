package io.setlist.spark.engine;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.UserKnnRecommender;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One Spark task's share of the users: the neighbour search for the user indexes {@code fromUser..toUser-1} of the
 * play counts, then the ranking of the users (positions in the stage's user list) whose plays fall in that range,
 * plus a share of the users without plays (they get the segment fallback, which needs no neighbours).
 *
 * @param positions ascending positions in {@link RecommendInput#allUserIds()}
 */
public record UserBlock(int fromUser, int toUser, int[] positions) implements Serializable {

    /**
     * Splits the users into about {@code blocks} equal ranges of user indexes. Cost per block is then about equal
     * on Last.fm-shaped data: user ids carry no taste or activity order, so each range holds a like share of
     * heavy and light users.
     */
    static List<UserBlock> plan(IdIndex usersWithPlays, int[] allUserIds, int blocks) {
        int users = usersWithPlays.size();
        int n = Math.max(1, Math.min(blocks, Math.max(users, 1)));
        int[] from = new int[n + 1];
        for (int b = 0; b <= n; b++) {
            from[b] = (int) ((long) b * users / n);
        }
        int[] counts = new int[n];
        int[] blockOf = new int[allUserIds.length];
        for (int p = 0; p < allUserIds.length; p++) {
            int u = usersWithPlays.indexOf(allUserIds[p]);
            int b = u < 0 ? p % n : blockOf(from, u);
            blockOf[p] = b;
            counts[b]++;
        }
        int[][] positions = new int[n][];
        for (int b = 0; b < n; b++) {
            positions[b] = new int[counts[b]];
            counts[b] = 0;
        }
        for (int p = 0; p < allUserIds.length; p++) {
            positions[blockOf[p]][counts[blockOf[p]]++] = p;
        }
        List<UserBlock> plan = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            if (positions[b].length > 0) {
                plan.add(new UserBlock(from[b], from[b + 1], positions[b]));
            }
        }
        return plan;
    }

    private static int blockOf(int[] from, int u) {
        int lo = 0;
        int hi = from.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (from[mid] <= u) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Runs on an executor: the single-JVM stage's neighbour search and ranking, on this block only. */
    RankedBlock recommend(RecommendInput input) {
        UserKnnRecommender.Prepared prepared = input.prepared();
        NeighbourIndex neighbours = UserKnnRecommender.neighbours(prepared, fromUser, toUser, null);
        int[] ids = new int[positions.length];
        UserProfile[] profiles = new UserProfile[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ids[i] = input.allUserIds()[positions[i]];
            profiles[i] = input.profileAt(positions[i]);
        }
        RankedBlock out = new RankedBlock();
        UserKnnRecommender.rankBlock(prepared, neighbours, ids, profiles, out::add);
        out.postingsScanned = neighbours.postingsScanned();
        return out.compact();
    }
}
