package io.setlist.sql.plays;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;

/** Streams the recommender's inputs out of the warehouse: play counts and user profiles. */
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
}
