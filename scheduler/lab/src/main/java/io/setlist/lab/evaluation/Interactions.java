package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Arrays;
import java.util.List;

/**
 * A data set for offline evaluation: (user, artist, plays) rows with dense int ids, the users' profiles, the
 * artists' names, and the input rows a reader rejected (with their reason), so nothing is dropped silently.
 *
 * @param users      user ids, ascending; every user has at least one row
 * @param rowUser    user id of each row
 * @param rowArtist  artist id of each row
 * @param rowPlays   plays of each row, > 0; a (user, artist) pair occurs at most once
 * @param profiles   profile by user id (users without a known profile are absent)
 * @param rejected   rows the reader refused
 */
public record Interactions(String source, int[] users, int[] rowUser, int[] rowArtist, int[] rowPlays,
                           Int2ObjectOpenHashMap<UserProfile> profiles, List<Rejected> rejected,
                           List<String> userKeys, List<String> artistKeys) {

    /** Interactions of synthetic ids, which have no external keys. */
    public Interactions(String source, int[] users, int[] rowUser, int[] rowArtist, int[] rowPlays,
                        Int2ObjectOpenHashMap<UserProfile> profiles, List<Rejected> rejected) {
        this(source, users, rowUser, rowArtist, rowPlays, profiles, rejected, List.of(), List.of());
    }

    /** The external key (as the warehouse stores it) of user id {@code id}, when the source has keys. */
    public String userKey(int id) {
        return userKeys.get(id - 1);
    }

    /** The external key (as the warehouse stores it) of artist id {@code id}, when the source has keys. */
    public String artistKey(int id) {
        return artistKeys.get(id - 1);
    }

    /** A refused input row: file, 1-based line, the field at fault (null: the row as a whole) and why. */
    public record Rejected(String file, long line, String field, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (field == null ? "row" : field) + ": " + reason;
        }
    }

    public int rows() {
        return rowUser.length;
    }

    /** The distinct artists of all rows. */
    public int artists() {
        int[] a = rowArtist.clone();
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                n++;
            }
        }
        return n;
    }

    public UserProfile profileOf(int userId) {
        UserProfile p = profiles.get(userId);
        return p == null ? UserProfile.unknown() : p;
    }

    /** The rows selected by {@code keep} (indexes into the row arrays) as a play matrix. */
    public PlayCounts playCounts(boolean[] keep) {
        PlayCounts.Builder b = PlayCounts.builder();
        for (int i = 0; i < rowUser.length; i++) {
            if (keep == null || keep[i]) {
                b.add(rowUser[i], rowArtist[i], rowPlays[i]);
            }
        }
        return b.build();
    }
}
