package io.setlist.lab.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.TrackCatalog;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Pozytywka JSONL files ({@code artists, tracks, users, sessions}.jsonl) straight from a directory,
 * independent of the warehouse importer. Timestamps carry no zone and are read as UTC, so "hour of day" is the
 * listener's local hour. The catalogue has no file sizes: a track's size is taken as its duration at 160 kbit/s
 * (20 bytes per millisecond), which keeps sizes proportional to duration as in a real catalogue.
 *
 * <p>{@code premium_user} in users.jsonl is the state at the <em>end</em> of the period (SOURCE.md): a user with a
 * BUY_PREMIUM event starts as free, and the event switches premium on from its timestamp. Any row that cannot be
 * read fails with the file, line and field.
 */
public final class PozytywkaFiles {
    static final long BYTES_PER_MS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PozytywkaFiles() {
    }

    public static ListeningData read(Path dir) {
        Map<String, Integer> genres = new HashMap<>();
        Map<String, Integer> artists = new HashMap<>();
        List<int[]> artistGenres = new ArrayList<>();
        lines(dir.resolve("artists.jsonl"), (line, row) -> {
            artists.put(text(row, "id", line), artists.size());
            artistGenres.add(genreIds(row.get("genres"), genres));
        });

        Map<String, Integer> tracks = new HashMap<>();
        List<String> trackKeys = new ArrayList<>();
        TrackCatalog.Builder catalog = new TrackCatalog.Builder();
        Path tracksFile = dir.resolve("tracks.jsonl");
        lines(tracksFile, (line, row) -> {
            String key = text(row, "id", line);
            Integer artist = artists.get(text(row, "id_artist", line));
            if (artist == null) {
                throw new IllegalArgumentException(where(tracksFile, line, "id_artist") + ": unknown artist");
            }
            int duration = (int) number(row, "duration_ms", line);
            int t = catalog.add(artist, duration, duration * BYTES_PER_MS);
            float[] audio = new float[TrackCatalog.AUDIO.length];
            for (int f = 0; f < audio.length; f++) {
                audio[f] = (float) number(row, TrackCatalog.AUDIO[f], line);
            }
            String release = text(row, "release_date", line);
            int year;
            try {
                year = Integer.parseInt(release.substring(0, Math.min(4, release.length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(tracksFile, line, "release_date") + ": not a date: " + release);
            }
            catalog.describe(t, (float) number(row, "popularity", line), audio, number(row, "explicit", line) != 0, year);
            tracks.put(key, t);
            trackKeys.add(key);
        });
        catalog.artistGenres(artistGenres.toArray(new int[0][]));

        Map<Long, Integer> users = new HashMap<>();
        List<String> userKeys = new ArrayList<>();
        List<int[]> favourites = new ArrayList<>();
        List<Boolean> premiumAtEnd = new ArrayList<>();
        Path usersFile = dir.resolve("users.jsonl");
        lines(usersFile, (line, row) -> {
            long id = (long) number(row, "user_id", line);
            users.put(id, users.size());
            userKeys.add(Long.toString(id));
            favourites.add(genreIds(row.get("favourite_genres"), genres));
            premiumAtEnd.add(row.path("premium_user").asBoolean(false));
        });

        ListeningLog log = new ListeningLog();
        Set<Integer> bought = new HashSet<>();
        Path sessions = dir.resolve("sessions.jsonl");
        lines(sessions, (line, row) -> {
            Integer user = users.get((long) number(row, "user_id", line));
            if (user == null) {
                throw new IllegalArgumentException(where(sessions, line, "user_id") + ": unknown user");
            }
            String type = text(row, "event_type", line);
            byte kind = ListeningLog.kindOf(type);
            String trackKey = row.path("track_id").asText("");
            int track = -1;
            if (!trackKey.isEmpty()) {
                Integer t = tracks.get(trackKey);
                if (t == null) {
                    throw new IllegalArgumentException(where(sessions, line, "track_id") + ": unknown track " + trackKey);
                }
                track = t;
            } else if (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP) {
                throw new IllegalArgumentException(where(sessions, line, "track_id") + ": " + type + " without a track");
            }
            long ts;
            String stamp = text(row, "timestamp", line);
            try {
                ts = LocalDateTime.parse(stamp).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where(sessions, line, "timestamp") + ": not ISO-8601: " + stamp);
            }
            if (kind == ListeningLog.BUY_PREMIUM) {
                bought.add(user);
            }
            log.add(user, ts, kind, track, (long) number(row, "session_id", line));
        });
        boolean[] premiumAtStart = new boolean[users.size()];
        for (int u = 0; u < premiumAtStart.length; u++) {
            premiumAtStart[u] = premiumAtEnd.get(u) && !bought.contains(u);
        }
        return new ListeningData("pozytywka", log, catalog.build(),
                new Listeners(premiumAtStart, favourites.toArray(new int[0][])),
                trackKeys.toArray(new String[0]), userKeys.toArray(new String[0]));
    }

    @FunctionalInterface
    private interface Row {
        void accept(long line, JsonNode row);
    }

    private static void lines(Path file, Row sink) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing file " + file);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = JSON.readTree(text);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + line + ": not JSON: " + e.getMessage());
                }
                if (!row.isObject()) {
                    throw new IllegalArgumentException(file + " line " + line + ": not a JSON object");
                }
                try {
                    sink.accept(line, row);
                } catch (FieldError e) {
                    throw new IllegalArgumentException(where(file, line, e.field) + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static final class FieldError extends RuntimeException {
        final String field;

        FieldError(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private static String text(JsonNode row, String field, long line) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual()) {
            throw new FieldError(field, "missing or not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode row, String field, long line) {
        JsonNode v = row.get(field);
        if (v == null || !v.isNumber()) {
            throw new FieldError(field, "missing or not a number");
        }
        return v.asDouble();
    }

    private static int[] genreIds(JsonNode list, Map<String, Integer> genres) {
        IntArrayList ids = new IntArrayList();
        if (list != null && list.isArray()) {
            for (JsonNode g : list) {
                ids.add(genres.computeIfAbsent(g.asText(), k -> genres.size()));
            }
        }
        return ids.toIntArray();
    }

    private static String where(Path file, long line, String field) {
        return file + " line " + line + " field " + field;
    }
}
