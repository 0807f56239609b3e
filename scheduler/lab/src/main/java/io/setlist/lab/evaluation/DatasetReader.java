package io.setlist.lab.evaluation;

import io.setlist.recommender.profile.UserProfile;
import io.setlist.sql.load.FormatRows;
import io.setlist.sql.load.ImportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the public listening data sets into {@link Interactions}, through the importer's own reading of each file
 * ({@link FormatRows}): the same keys, the same field checks, the same rejects. A row the import would quarantine is
 * kept here as {@link Interactions.Rejected} with file, line, field and reason, never dropped silently; the checks
 * the import makes against the warehouse (unknown keys, a (user, artist) pair twice) are made against what was read.
 *
 * <ul>
 *   <li>{@code hetrec-lastfm}: {@code user_artists.dat} ({@code userID artistID weight}); when {@code artists.dat}
 *       is there, plays of artists it does not list are rejected, as the import rejects them. No profiles.</li>
 *   <li>{@code lastfm-360k}: {@code usersha1-artmbid-artname-plays.tsv}, the artist keyed by its MBID or
 *       {@code name:<artist name>} as imported, and optionally {@code usersha1-profile.tsv} (gender, age, country).</li>
 *   <li>{@code pozytywka}: v2 {@code sessions.jsonl} PLAY events turned into (user, artist) play counts through
 *       {@code tracks.jsonl}; {@code users.jsonl} cities are the country, as imported.</li>
 * </ul>
 */
public final class DatasetReader {

    private DatasetReader() {
    }

    public static Interactions read(String source, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data directory not found: " + dir);
        }
        return switch (source) {
            case "hetrec-lastfm" -> hetrec(dir);
            case "lastfm-360k" -> lastfm360k(dir);
            case "pozytywka" -> pozytywka(dir);
            default -> throw new IllegalArgumentException(
                    "unknown source '" + source + "' (expected hetrec-lastfm, lastfm-360k or pozytywka)");
        };
    }

    static Interactions hetrec(Path dir) {
        Path plays = required(dir, "user_artists.dat");
        InteractionsBuilder b = new InteractionsBuilder("hetrec-lastfm");
        Path artistsFile = dir.resolve("artists.dat");
        Set<String> artists = Files.isRegularFile(artistsFile) ? keys(ImportFormat.HETREC_LASTFM, artistsFile,
                "artist_key", b) : null;
        playRows(ImportFormat.HETREC_LASTFM, plays, artists, b);
        return b.build();
    }

    static Interactions lastfm360k(Path dir) {
        InteractionsBuilder b = new InteractionsBuilder("lastfm-360k");
        playRows(ImportFormat.LASTFM_360K, required(dir, "usersha1-artmbid-artname-plays.tsv"), null, b);
        Path profiles = dir.resolve("usersha1-profile.tsv");
        if (Files.isRegularFile(profiles)) {
            try (FormatRows rows = FormatRows.open(ImportFormat.LASTFM_360K, profiles)) {
                while (rows.next()) {
                    if (rows.rejected()) {
                        b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                        continue;
                    }
                    int user = b.knownUserId(rows.value("user_key"));
                    if (user >= 0) { // a profile without plays: nothing to evaluate
                        b.profile(user, profile(rows));
                    }
                }
            }
        }
        return b.build();
    }

    static Interactions pozytywka(Path dir) {
        InteractionsBuilder b = new InteractionsBuilder("pozytywka");
        Map<String, String> artistOfTrack = new HashMap<>();
        try (FormatRows rows = FormatRows.open(ImportFormat.POZYTYWKA, required(dir, "tracks.jsonl"))) {
            while (rows.next()) {
                if (rows.rejected()) {
                    b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                } else {
                    artistOfTrack.put(rows.value("track_key"), rows.value("artist_key"));
                }
            }
        }
        try (FormatRows rows = FormatRows.open(ImportFormat.POZYTYWKA, required(dir, "sessions.jsonl"))) {
            while (rows.next()) {
                if (rows.rejected()) {
                    b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                    continue;
                }
                String track = rows.value("track_key");
                String artist = track == null ? null : artistOfTrack.get(track);
                if (track != null && artist == null) {
                    b.reject(rows.fileName(), rows.line(), "track_id", "unknown track_id '" + track + "'");
                } else if ("PLAY".equals(rows.value("event_name"))) { // skips, likes and adverts are not plays
                    b.add(b.userId(rows.value("user_key")), b.artistId(artist), 1);
                }
            }
        }
        Path users = dir.resolve("users.jsonl");
        if (Files.isRegularFile(users)) {
            try (FormatRows rows = FormatRows.open(ImportFormat.POZYTYWKA, users)) {
                while (rows.next()) {
                    if (rows.rejected()) {
                        b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                        continue;
                    }
                    int id = b.knownUserId(rows.value("user_key"));
                    if (id >= 0) {
                        b.profile(id, profile(rows));
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * The plays of a plays file, with the import's in-file checks and then its warehouse checks made against what
     * was read: an artist not in {@code knownArtists} (when given) and a (user, artist) pair seen before are
     * rejected, the first row of a pair wins.
     */
    private static void playRows(ImportFormat format, Path file, Set<String> knownArtists, InteractionsBuilder b) {
        try (FormatRows rows = FormatRows.open(format, file)) {
            while (rows.next()) {
                if (rows.rejected()) {
                    b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                    continue;
                }
                String user = rows.value("user_key");
                String artist = rows.value("artist_key");
                if (knownArtists != null && !knownArtists.contains(artist)) {
                    b.reject(rows.fileName(), rows.line(), "artist_id", "unknown artist_id '" + artist + "'");
                    continue;
                }
                b.addOnce(rows.fileName(), rows.line(), user, artist, (int) rows.longValue("plays"));
            }
        }
    }

    private static Set<String> keys(ImportFormat format, Path file, String column, InteractionsBuilder b) {
        Set<String> keys = new HashSet<>();
        try (FormatRows rows = FormatRows.open(format, file)) {
            while (rows.next()) {
                if (rows.rejected()) {
                    b.reject(rows.fileName(), rows.line(), rows.rejectedField(), rows.reason());
                } else {
                    keys.add(rows.value(column));
                }
            }
        }
        return keys;
    }

    /** A user's profile from the users columns as imported: null (unknown) gender, age or country stay unknown. */
    private static UserProfile profile(FormatRows rows) {
        String gender = rows.value("gender");
        String age = rows.value("age");
        return new UserProfile(gender == null ? '?' : gender.charAt(0), age == null ? -1 : Integer.parseInt(age),
                rows.value("country"));
    }

    private static Path required(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("missing " + name + " in " + dir);
        }
        return p;
    }
}
