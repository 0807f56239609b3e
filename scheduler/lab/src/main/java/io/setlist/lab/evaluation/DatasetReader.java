package io.setlist.lab.evaluation;

import io.setlist.recommender.profile.UserProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the public listening data sets into {@link Interactions}. Plain file reading; a row that cannot be used
 * is kept as {@link Interactions.Rejected} with file, line, field and reason, never dropped silently.
 *
 * <ul>
 *   <li>{@code hetrec-lastfm}: {@code user_artists.dat}, tab-separated {@code userID artistID weight} with a
 *       header line and CRLF line ends. No profiles.</li>
 *   <li>{@code lastfm-360k}: {@code *plays.tsv} with {@code user-sha1 artist-mbid artist-name plays} (no header;
 *       the artist is its MBID, or its lower-cased name when the MBID is empty) and optionally
 *       {@code *profile.tsv} with {@code user-sha1 gender age country signup}.</li>
 *   <li>{@code pozytywka}: v2 {@code sessions.jsonl} PLAY events turned into (user, artist) play counts through
 *       {@code tracks.jsonl} ({@code id → id_artist}); {@code users.jsonl} cities stand in as the country, as
 *       the data has no country, age or gender.</li>
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
        Path file = required(dir, "user_artists.dat");
        InteractionsBuilder b = new InteractionsBuilder("hetrec-lastfm");
        forEachLine(file, (line, text) -> {
            if (line == 1) {
                return; // header
            }
            String[] f = text.split("\t", -1);
            if (f.length != 3) {
                b.reject(file.getFileName().toString(), line, "row", "expected 3 tab-separated fields, got " + f.length);
                return;
            }
            int plays = positiveInt(b, file, line, "weight", f[2]);
            if (plays > 0) {
                b.add(b.userId(f[0].strip()), b.artistId(f[1].strip()), plays);
            }
        });
        return b.build();
    }

    static Interactions lastfm360k(Path dir) {
        Path plays = findBySuffix(dir, "plays.tsv");
        InteractionsBuilder b = new InteractionsBuilder("lastfm-360k");
        forEachLine(plays, (line, text) -> {
            String[] f = text.split("\t", -1);
            if (f.length != 4) {
                b.reject(plays.getFileName().toString(), line, "row", "expected 4 tab-separated fields, got " + f.length);
                return;
            }
            String artist = f[1].isBlank() ? f[2].strip().toLowerCase(java.util.Locale.ROOT) : f[1].strip();
            if (artist.isEmpty()) {
                b.reject(plays.getFileName().toString(), line, "artist", "neither MBID nor name");
                return;
            }
            int n = positiveInt(b, plays, line, "plays", f[3]);
            if (n > 0) {
                b.add(b.userId(f[0].strip()), b.artistId(artist), n);
            }
        });
        Path profiles = findBySuffixOrNull(dir, "profile.tsv");
        if (profiles != null) {
            forEachLine(profiles, (line, text) -> {
                String[] f = text.split("\t", -1);
                if (f.length < 4) {
                    b.reject(profiles.getFileName().toString(), line, "row", "expected ≥ 4 tab-separated fields, got " + f.length);
                    return;
                }
                int user = b.knownUserId(f[0].strip());
                if (user < 0) {
                    return; // a profile without plays: nothing to evaluate
                }
                int age = -1;
                if (!f[2].isBlank()) {
                    try {
                        age = Integer.parseInt(f[2].strip());
                    } catch (NumberFormatException e) {
                        b.reject(profiles.getFileName().toString(), line, "age", "not an integer: '" + f[2] + "'");
                    }
                }
                b.profile(user, new UserProfile(f[1].isBlank() ? '?' : f[1].strip().charAt(0), age, f[3]));
            });
        }
        return b.build();
    }

    static Interactions pozytywka(Path dir) {
        Path tracks = required(dir, "tracks.jsonl");
        Path sessions = required(dir, "sessions.jsonl");
        InteractionsBuilder b = new InteractionsBuilder("pozytywka");
        Map<String, String> artistOfTrack = new HashMap<>();
        forEachLine(tracks, (line, text) -> {
            String id = FlatJson.string(text, "id");
            String artist = FlatJson.string(text, "id_artist");
            if (id == null || artist == null) {
                b.reject(tracks.getFileName().toString(), line, id == null ? "id" : "id_artist", "missing");
                return;
            }
            artistOfTrack.put(id, artist);
        });
        forEachLine(sessions, (line, text) -> {
            if (!"PLAY".equals(FlatJson.string(text, "event_type"))) {
                return; // skips, likes and advertisements are not plays
            }
            String user = FlatJson.number(text, "user_id");
            String track = FlatJson.string(text, "track_id");
            if (user == null) {
                b.reject(sessions.getFileName().toString(), line, "user_id", "missing");
                return;
            }
            String artist = track == null ? null : artistOfTrack.get(track);
            if (artist == null) {
                b.reject(sessions.getFileName().toString(), line, "track_id",
                        track == null ? "missing" : "unknown track " + track);
                return;
            }
            b.add(b.userId(user), b.artistId(artist), 1);
        });
        Path users = dir.resolve("users.jsonl");
        if (Files.isRegularFile(users)) {
            forEachLine(users, (line, text) -> {
                String user = FlatJson.number(text, "user_id");
                int id = user == null ? -1 : b.knownUserId(user);
                if (id >= 0) {
                    b.profile(id, new UserProfile('?', -1, FlatJson.string(text, "city")));
                }
            });
        }
        return b.build();
    }

    private static int positiveInt(InteractionsBuilder b, Path file, long line, String field, String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v <= 0) {
                b.reject(file.getFileName().toString(), line, field, "must be > 0, got " + v);
                return 0;
            }
            return v;
        } catch (NumberFormatException e) {
            b.reject(file.getFileName().toString(), line, field, "not an integer: '" + text + "'");
            return 0;
        }
    }

    private static Path required(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("missing " + name + " in " + dir);
        }
        return p;
    }

    private static Path findBySuffix(Path dir, String suffix) {
        Path p = findBySuffixOrNull(dir, suffix);
        if (p == null) {
            throw new IllegalArgumentException("no *" + suffix + " file in " + dir);
        }
        return p;
    }

    private static Path findBySuffixOrNull(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    interface LineSink {
        void accept(long line, String text);
    }

    /** Every line, CR stripped, with its 1-based number; blank lines are skipped. */
    static void forEachLine(Path file, LineSink sink) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                line++;
                if (!text.isBlank()) {
                    sink.accept(line, text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
