package io.setlist.lab.evaluation;

import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates rows from a reader: maps external string ids to dense ints, sums repeated (user, artist) pairs and
 * records rejected rows.
 */
final class InteractionsBuilder {

    private final String source;
    private final Object2IntOpenHashMap<String> userIds = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> artistIds = new Object2IntOpenHashMap<>();
    private final Long2IntOpenHashMap rowOfPair = new Long2IntOpenHashMap();
    private final IntArrayList rowUser = new IntArrayList();
    private final IntArrayList rowArtist = new IntArrayList();
    private final IntArrayList rowPlays = new IntArrayList();
    /** The line each row was first read from, for rows added by {@link #addOnce}. */
    private final it.unimi.dsi.fastutil.longs.LongArrayList firstLine = new it.unimi.dsi.fastutil.longs.LongArrayList();
    private final Int2ObjectOpenHashMap<UserProfile> profiles = new Int2ObjectOpenHashMap<>();
    private final List<Interactions.Rejected> rejected = new ArrayList<>();

    InteractionsBuilder(String source) {
        this.source = source;
        userIds.defaultReturnValue(-1);
        artistIds.defaultReturnValue(-1);
        rowOfPair.defaultReturnValue(-1);
    }

    int userId(String external) {
        return idOf(userIds, external);
    }

    int artistId(String external) {
        return idOf(artistIds, external);
    }

    /** @return the id already given to an external user id, or -1 */
    int knownUserId(String external) {
        return userIds.getInt(external);
    }

    private static int idOf(Object2IntOpenHashMap<String> ids, String external) {
        int id = ids.getInt(external);
        if (id < 0) {
            id = ids.size() + 1;
            ids.put(external, id);
        }
        return id;
    }

    void add(int user, int artist, int plays) {
        long key = ((long) user << 32) | (artist & 0xffffffffL);
        int row = rowOfPair.get(key);
        if (row >= 0) {
            rowPlays.set(row, rowPlays.getInt(row) + plays);
            return;
        }
        rowOfPair.put(key, rowUser.size());
        rowUser.add(user);
        rowArtist.add(artist);
        rowPlays.add(plays);
    }

    /**
     * Adds a row of a plays file in which each (user, artist) pair may appear once, as the importer loads it: a
     * repeated pair is rejected, naming the line of the first.
     */
    void addOnce(String file, long line, String userKey, String artistKey, int plays) {
        int user = userId(userKey);
        int artist = artistId(artistKey);
        long key = ((long) user << 32) | (artist & 0xffffffffL);
        int row = rowOfPair.get(key);
        if (row >= 0) {
            reject(file, line, "user_id,artist_id", "duplicate user_id '" + userKey + "', artist_id '" + artistKey
                    + "', first at line " + firstLine.getLong(row));
            return;
        }
        add(user, artist, plays);
        firstLine.add(line);
    }

    void profile(int user, UserProfile profile) {
        profiles.put(user, profile);
    }

    void reject(String file, long line, String field, String reason) {
        rejected.add(new Interactions.Rejected(file, line, field, reason));
    }

    /** Keys by id - 1 (ids are given from 1 in first-seen order). */
    private static List<String> keysById(Object2IntOpenHashMap<String> ids) {
        String[] keys = new String[ids.size()];
        ids.object2IntEntrySet().forEach(e -> keys[e.getIntValue() - 1] = e.getKey());
        return List.of(keys);
    }

    Interactions build() {
        int[] users = rowUser.toIntArray();
        java.util.Arrays.sort(users);
        int n = 0;
        for (int i = 0; i < users.length; i++) {
            if (n == 0 || users[i] != users[n - 1]) {
                users[n++] = users[i];
            }
        }
        return new Interactions(source, java.util.Arrays.copyOf(users, n), rowUser.toIntArray(),
                rowArtist.toIntArray(), rowPlays.toIntArray(), profiles, rejected, keysById(userIds),
                keysById(artistIds));
    }
}
