package io.setlist.sql.plays;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.ranking.UserRelations;
import io.setlist.sql.RowStream;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import javax.sql.DataSource;

/** Streams the recommender's inputs out of the warehouse: play counts, user profiles, friendships and tag use. */
public final class PlaysReader {
    private final DataSource ds;

    public PlaysReader(DataSource ds) {
        this.ds = ds;
    }

    /** Receives (user, artist, plays) surrogate ids. */
    @FunctionalInterface
    public interface PlayRow {
        void row(int userId, int artistId, int plays);
    }

    /** Receives a user's profile: gender 'm','f','n' or '?', age or -1, country or null. */
    @FunctionalInterface
    public interface ProfileRow {
        void row(int userId, char gender, int age, String country);
    }

    public long forEachPlay(PlayRow sink) {
        return RowStream.forEach(ds, "plays/all_plays.sql", s -> { },
                rs -> sink.row(rs.getInt(1), rs.getInt(2), rs.getInt(3)));
    }

    public long forEachProfile(ProfileRow sink) {
        return RowStream.forEach(ds, "plays/all_profiles.sql", s -> { }, rs -> {
            String gender = rs.getString(2);
            int age = rs.getInt(3);
            if (rs.wasNull()) {
                age = -1;
            }
            sink.row(rs.getInt(1), gender == null || gender.isEmpty() ? '?' : gender.charAt(0), age, rs.getString(4));
        });
    }

    /** Receives one direction of a declared friendship (user surrogate ids). */
    @FunctionalInterface
    public interface FriendshipRow {
        void row(int userId, int friendId);
    }

    /** Each friendship row; cost: one scan of {@code friendships}. */
    public long forEachFriendship(FriendshipRow sink) {
        return RowStream.forEach(ds, "plays/all_friendships.sql", s -> { }, rs -> sink.row(rs.getInt(1), rs.getInt(2)));
    }

    /** (user, tag, assignments) per user and tag, through the play row shape (the "artist" is the tag id). */
    public long forEachTagUse(PlayRow sink) {
        return RowStream.forEach(ds, "plays/tag_use.sql", s -> { },
                rs -> sink.row(rs.getInt(1), rs.getInt(2), rs.getInt(3)));
    }

    /**
     * Friendships and tag use as the ranking's extra neighbour sources; each is read only when asked for (the
     * recommend stage asks when the settings give it a weight), otherwise empty.
     */
    public UserRelations relations(boolean friendships, boolean tags) {
        IntArrayList users = new IntArrayList();
        IntArrayList friends = new IntArrayList();
        if (friendships) {
            forEachFriendship((user, friend) -> {
                users.add(user);
                friends.add(friend);
            });
        }
        PlayCounts.Builder tagUse = PlayCounts.builder();
        if (tags) {
            forEachTagUse(tagUse::add);
        }
        return new UserRelations(users.toIntArray(), friends.toIntArray(), tagUse.build());
    }
}
