package io.setlist.spark.engine;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Every user to recommend for, with their profile, sorted by id: about 10 bytes a user plus the country strings,
 * O(users), which every task of the {@code blocks} mode may need (profile similarity of any candidate, the users of
 * its block). Immutable.
 */
final class UserDirectory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] ids;
    private final char[] genders;
    private final int[] ages;
    private final String[] countries;

    UserDirectory(int[] userIds, UserProfile[] profiles) {
        Integer[] order = new Integer[userIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(userIds[a], userIds[b]));
        ids = new int[userIds.length];
        genders = new char[userIds.length];
        ages = new int[userIds.length];
        countries = new String[userIds.length];
        for (int i = 0; i < order.length; i++) {
            UserProfile p = profiles[order[i]] == null ? UserProfile.unknown() : profiles[order[i]];
            ids[i] = userIds[order[i]];
            genders[i] = p.gender();
            ages[i] = p.age();
            countries[i] = p.country();
            if (i > 0 && ids[i] == ids[i - 1]) {
                throw new IllegalArgumentException("duplicate user id " + ids[i]);
            }
        }
    }

    int users() {
        return ids.length;
    }

    int idAt(int i) {
        return ids[i];
    }

    UserProfile profileAt(int i) {
        return new UserProfile(genders[i], ages[i], countries[i]);
    }

    /** The profile of a user id; unknown for an id not in the directory (plays without a user row). */
    UserProfile profileOf(int userId) {
        int i = Arrays.binarySearch(ids, userId);
        return i < 0 ? UserProfile.unknown() : profileAt(i);
    }

    /** Profiles by user index of {@code rows}. */
    UserProfile[] profilesOf(PlayCounts rows) {
        UserProfile[] out = new UserProfile[rows.users()];
        for (int u = 0; u < out.length; u++) {
            out[u] = profileOf(rows.userIds().idAt(u));
        }
        return out;
    }

    /** Positions of the users of block {@code b} (ids below the plan's range in the first, above in the last). */
    int[] positionsIn(BlockPlan plan, int b) {
        int[] range = plan.range(b);
        int from = b == 0 ? 0 : firstAtLeast(range[0]);
        int to = b == plan.blocks() - 1 ? ids.length : firstAtLeast(range[1]);
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return positions;
    }

    /** The ids of the users of block {@code b} of {@code plan}, ascending. */
    int[] idsIn(BlockPlan plan, int b) {
        int[] positions = positionsIn(plan, b);
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids[positions[i]];
        }
        return out;
    }

    private int firstAtLeast(int id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? i : -i - 1;
    }

    /** Bytes of the arrays (the broadcast's share), country strings at 2 bytes a char. */
    long payloadBytes() {
        long bytes = 10L * ids.length;
        for (String c : countries) {
            bytes += c == null ? 0 : 2L * c.length();
        }
        return bytes;
    }
}
