package io.setlist.lab.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.sql.load.FormatRows;
import io.setlist.sql.load.ImportFormat;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Pozytywka JSONL files ({@code artists, tracks, users, sessions}.jsonl) straight from a directory, for
 * evaluation without a warehouse, through the importer's own reading of each file ({@link FormatRows}): the same
 * keys, checks and rejects as {@code setlist import pozytywka}, and the same track sizes (the importer's 160 kbit/s
 * rule, as the files carry none). Timestamps carry no zone and are read as UTC, so "hour of day" is the listener's
 * local hour.
 *
 * <p>What the warehouse does not keep but the completion features use (genres, audio features, popularity, explicit,
 * release year) is read from the accepted rows' JSON; a row without them is rejected here too. Rows the import would
 * quarantine, and rows naming an unknown key, are added to {@code rejects} and left out; nothing is dropped silently.
 *
 * <p>{@code premium_user} in users.jsonl is the state at the <em>end</em> of the period (SOURCE.md): a user with a
 * BUY_PREMIUM event starts as free, and the event switches premium on from its timestamp.
 */
public final class PozytywkaFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PozytywkaFiles() {
    }

    public static ListeningData read(Path dir, List<Interactions.Rejected> rejects) {
        Map<String, Integer> genres = new HashMap<>();
        Map<String, Integer> artists = new HashMap<>();
        List<int[]> artistGenres = new ArrayList<>();
        each(dir.resolve("artists.jsonl"), rejects, (rows, json) -> {
            artists.put(rows.value("artist_key"), artists.size());
            artistGenres.add(genreIds(json.get("genres"), genres));
        });

        Map<String, Integer> tracks = new HashMap<>();
        List<String> trackKeys = new ArrayList<>();
        TrackCatalog.Builder catalog = new TrackCatalog.Builder();
        each(dir.resolve("tracks.jsonl"), rejects, (rows, json) -> {
            Integer artist = artists.get(rows.value("artist_key"));
            if (artist == null) {
                throw new Rejection("id_artist", "unknown id_artist '" + rows.value("artist_key") + "'");
            }
            float[] audio = new float[TrackCatalog.AUDIO.length];
            for (int f = 0; f < audio.length; f++) {
                audio[f] = (float) number(json, TrackCatalog.AUDIO[f]);
            }
            float popularity = (float) number(json, "popularity");
            boolean explicit = number(json, "explicit") != 0;
            int year = releaseYear(json);
            int t = catalog.add(artist, (int) rows.longValue("duration_ms"), rows.longValue("size_bytes"));
            catalog.describe(t, popularity, audio, explicit, year);
            tracks.put(rows.value("track_key"), t);
            trackKeys.add(rows.value("track_key"));
        });
        catalog.artistGenres(artistGenres.toArray(new int[0][]));

        Map<String, Integer> users = new HashMap<>();
        List<String> userKeys = new ArrayList<>();
        List<int[]> favourites = new ArrayList<>();
        List<Boolean> premiumAtEnd = new ArrayList<>();
        each(dir.resolve("users.jsonl"), rejects, (rows, json) -> {
            users.put(rows.value("user_key"), users.size());
            userKeys.add(rows.value("user_key"));
            favourites.add(genreIds(json.get("favourite_genres"), genres));
            premiumAtEnd.add(Boolean.parseBoolean(rows.value("premium")));
        });

        ListeningLog log = new ListeningLog();
        Set<Integer> bought = new HashSet<>();
        each(dir.resolve("sessions.jsonl"), rejects, (rows, json) -> {
            Integer user = users.get(rows.value("user_key"));
            if (user == null) {
                throw new Rejection("user_id", "unknown user_id '" + rows.value("user_key") + "'");
            }
            String trackKey = rows.value("track_key");
            int track = -1;
            if (trackKey != null) {
                Integer t = tracks.get(trackKey);
                if (t == null) {
                    throw new Rejection("track_id", "unknown track_id '" + trackKey + "'");
                }
                track = t;
            }
            byte kind = ListeningLog.kindOf(rows.value("event_name"));
            if (kind == ListeningLog.BUY_PREMIUM) {
                bought.add(user);
            }
            String session = rows.value("session_id");
            log.add(user, Instant.parse(rows.value("ts")).toEpochMilli(), kind, track,
                    session == null ? Long.MIN_VALUE : Long.parseLong(session));
        });
        boolean[] premiumAtStart = new boolean[users.size()];
        for (int u = 0; u < premiumAtStart.length; u++) {
            premiumAtStart[u] = premiumAtEnd.get(u) && !bought.contains(u);
        }
        return new ListeningData("pozytywka", log, catalog.build(),
                new Listeners(premiumAtStart, favourites.toArray(new int[0][])),
                trackKeys.toArray(new String[0]), userKeys.toArray(new String[0]));
    }

    /** An accepted row, with its JSON for the attributes the warehouse does not keep. */
    @FunctionalInterface
    private interface Row {
        void accept(FormatRows rows, JsonNode json);
    }

    /** Why a row the import accepts cannot be used here (an unknown key, a missing evaluation attribute). */
    private static final class Rejection extends RuntimeException {
        final String field;

        Rejection(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    private static void each(Path file, List<Interactions.Rejected> rejects, Row sink) {
        try (FormatRows rows = FormatRows.open(ImportFormat.POZYTYWKA, file)) {
            while (rows.next()) {
                if (rows.rejected()) {
                    rejects.add(new Interactions.Rejected(rows.fileName(), rows.line(), rows.rejectedField(),
                            rows.reason()));
                    continue;
                }
                try {
                    sink.accept(rows, JSON.readTree(rows.rawLine()));
                } catch (Rejection r) {
                    rejects.add(new Interactions.Rejected(rows.fileName(), rows.line(), r.field, r.getMessage()));
                } catch (IOException e) {
                    // The importer's reader parsed this line already; a second parse cannot disagree.
                    throw new IllegalStateException(rows.fileName() + " line " + rows.line() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isNumber()) {
            throw new Rejection(field, "missing or not a number");
        }
        return v.asDouble();
    }

    private static int releaseYear(JsonNode row) {
        JsonNode v = row.get("release_date");
        String release = v == null || !v.isTextual() ? "" : v.asText();
        try {
            return Integer.parseInt(release.substring(0, Math.min(4, release.length())));
        } catch (NumberFormatException e) {
            throw new Rejection("release_date", "not a date: '" + release + "'");
        }
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
}
