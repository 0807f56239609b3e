package io.setlist.lab.evaluation;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.sql.load.FormatRows;
import io.setlist.sql.load.ImportFormat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the workload CSV files ({@code users, tracks, events}.csv, docs/data-formats.md) that
 * {@code SyntheticWorkload} writes, for evaluation without a warehouse, through the importer's own reading of each
 * file ({@link FormatRows}): the same keys, checks and rejects as {@code setlist import}. The files carry no audio
 * features, popularity or genres; {@code premium} is a static profile flag. Rows the import would quarantine, and
 * rows naming an unknown user or track, are added to {@code rejects} and left out.
 */
public final class WorkloadFiles {
    private WorkloadFiles() {
    }

    public static ListeningData read(Path dir, List<Interactions.Rejected> rejects) {
        Map<String, Integer> users = new HashMap<>();
        List<String> userKeys = new ArrayList<>();
        List<Boolean> premium = new ArrayList<>();
        each(dir.resolve("users.csv"), rejects, rows -> {
            users.put(rows.value("user_key"), users.size());
            userKeys.add(rows.value("user_key"));
            premium.add(Boolean.parseBoolean(rows.value("premium")));
            return null;
        });
        Map<String, Integer> artists = new HashMap<>();
        Map<String, Integer> tracks = new HashMap<>();
        List<String> trackKeys = new ArrayList<>();
        TrackCatalog.Builder catalog = new TrackCatalog.Builder();
        each(dir.resolve("tracks.csv"), rejects, rows -> {
            int artist = artists.computeIfAbsent(rows.value("artist_key"), k -> artists.size());
            int t = catalog.add(artist, (int) rows.longValue("duration_ms"), rows.longValue("size_bytes"));
            tracks.put(rows.value("track_key"), t);
            trackKeys.add(rows.value("track_key"));
            return null;
        });
        ListeningLog log = new ListeningLog();
        each(dir.resolve("events.csv"), rejects, rows -> {
            Integer user = users.get(rows.value("user_key"));
            if (user == null) {
                return new String[]{"user_id", "unknown user_id '" + rows.value("user_key") + "'"};
            }
            String trackKey = rows.value("track_key");
            int track = -1;
            if (trackKey != null) {
                Integer t = tracks.get(trackKey);
                if (t == null) {
                    return new String[]{"track_id", "unknown track_id '" + trackKey + "'"};
                }
                track = t;
            }
            byte kind = ListeningLog.kindOf(rows.value("event_name"));
            if (track < 0 && (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP)) {
                return new String[]{"track_id", "a " + rows.value("event_name") + " needs a track"};
            }
            String session = rows.value("session_id");
            log.add(user, Instant.parse(rows.value("ts")).toEpochMilli(), kind, track,
                    session == null ? Long.MIN_VALUE : Long.parseLong(session));
            return null;
        });
        boolean[] premiumAtStart = new boolean[users.size()];
        for (int u = 0; u < premiumAtStart.length; u++) {
            premiumAtStart[u] = premium.get(u);
        }
        return new ListeningData("generated", log, catalog.build(),
                new Listeners(premiumAtStart, new int[users.size()][0]),
                trackKeys.toArray(new String[0]), userKeys.toArray(new String[0]));
    }

    /** An accepted row's use; returns {field, reason} when the row cannot be used here, else null. */
    @FunctionalInterface
    private interface Row {
        String[] accept(FormatRows rows);
    }

    private static void each(Path file, List<Interactions.Rejected> rejects, Row sink) {
        try (FormatRows rows = FormatRows.open(ImportFormat.SETLIST, file)) {
            while (rows.next()) {
                String[] why = rows.rejected() ? new String[]{rows.rejectedField(), rows.reason()} : sink.accept(rows);
                if (why != null) {
                    rejects.add(new Interactions.Rejected(rows.fileName(), rows.line(), why[0], why[1]));
                }
            }
        }
    }
}
