package io.setlist.lab.evaluation;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.sql.load.CsvLineReader;
import io.setlist.sql.load.SourceRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the workload CSV files ({@code users, tracks, events}.csv, docs/data-formats.md) that
 * {@code SyntheticWorkload} writes, for evaluation without a warehouse. The files carry no audio features,
 * popularity or genres; {@code premium} is a static profile flag. Any row that cannot be read fails with the
 * file, line and field.
 */
public final class WorkloadFiles {
    private WorkloadFiles() {
    }

    public static ListeningData read(Path dir) {
        Map<String, Integer> users = new HashMap<>();
        List<String> userKeys = new ArrayList<>();
        List<Boolean> premium = new ArrayList<>();
        rows(dir.resolve("users.csv"), 6, (file, r) -> {
            users.put(field(file, r, 0, "user_id"), users.size());
            userKeys.add(field(file, r, 0, "user_id"));
            premium.add(Boolean.parseBoolean(r.fields().get(5).trim()));
        });
        Map<String, Integer> artists = new HashMap<>();
        Map<String, Integer> tracks = new HashMap<>();
        List<String> trackKeys = new ArrayList<>();
        TrackCatalog.Builder catalog = new TrackCatalog.Builder();
        rows(dir.resolve("tracks.csv"), 6, (file, r) -> {
            String key = field(file, r, 0, "track_id");
            int artist = artists.computeIfAbsent(field(file, r, 1, "artist_id"), k -> artists.size());
            int t = catalog.add(artist, (int) integer(file, r, 3, "duration_ms"), integer(file, r, 4, "size_bytes"));
            tracks.put(key, t);
            trackKeys.add(key);
        });
        ListeningLog log = new ListeningLog();
        rows(dir.resolve("events.csv"), 5, (file, r) -> {
            Integer user = users.get(field(file, r, 0, "user_id"));
            if (user == null) {
                throw new IllegalArgumentException(where(file, r, "user_id") + ": unknown user");
            }
            long ts;
            try {
                ts = Instant.parse(field(file, r, 1, "ts")).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where(file, r, "ts") + ": not an ISO-8601 instant");
            }
            byte kind = ListeningLog.kindOf(field(file, r, 2, "event_name"));
            String trackKey = r.fields().get(3).trim();
            int track = -1;
            if (!trackKey.isEmpty()) {
                Integer t = tracks.get(trackKey);
                if (t == null) {
                    throw new IllegalArgumentException(where(file, r, "track_id") + ": unknown track " + trackKey);
                }
                track = t;
            } else if (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP) {
                throw new IllegalArgumentException(where(file, r, "track_id") + ": a PLAY or SKIP needs a track");
            }
            String session = r.fields().get(4).trim();
            log.add(user, ts, kind, track, session.isEmpty() ? Long.MIN_VALUE : integer(file, r, 4, "session_id"));
        });
        boolean[] premiumAtStart = new boolean[users.size()];
        for (int u = 0; u < premiumAtStart.length; u++) {
            premiumAtStart[u] = premium.get(u);
        }
        return new ListeningData("generated", log, catalog.build(),
                new Listeners(premiumAtStart, new int[users.size()][0]),
                trackKeys.toArray(new String[0]), userKeys.toArray(new String[0]));
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(Path file, SourceRecord record);
    }

    private static void rows(Path file, int columns, RowSink sink) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing file " + file);
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvLineReader csv = new CsvLineReader(in)) {
            SourceRecord header = csv.next();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file");
            }
            for (SourceRecord r = csv.next(); r != null; r = csv.next()) {
                if (r.problem() != null) {
                    throw new IllegalArgumentException(file + " line " + r.lineNo() + ": " + r.problem());
                }
                if (r.problem() != null) {
                    throw new IllegalArgumentException(file + " line " + r.lineNo() + ": " + r.problem());
                }
                if (r.fields().size() != columns) {
                    throw new IllegalArgumentException(file + " line " + r.lineNo() + ": " + r.fields().size()
                            + " fields, expected " + columns);
                }
                sink.accept(file, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String field(Path file, SourceRecord r, int index, String name) {
        String v = r.fields().get(index).trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(where(file, r, name) + ": empty");
        }
        return v;
    }

    private static long integer(Path file, SourceRecord r, int index, String name) {
        try {
            return Long.parseLong(field(file, r, index, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(file, r, name) + ": not an integer");
        }
    }

    private static String where(Path file, SourceRecord r, String field) {
        return file + " line " + r.lineNo() + " field " + field;
    }
}
