package io.setlist.lab.evaluation;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.workload.LastfmSynthetic;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same files through both paths, the importer into a real PostgreSQL and the offline readers of the
 * evaluations: the same keys, the same row counts and the same rejected lines. Before one reading per format, a
 * Last.fm artist without an MBID was {@code name:<name>} in the warehouse but its lower-cased name offline.
 */
class OneReadingPerFormatTest {
    private static final String U1 = "00000000000000000000000000000000000000aa";
    private static final String U2 = "00000000000000000000000000000000000000bb";

    @TempDir
    Path dir;

    @Test
    void lastfm360kGivesTheSameUsersArtistsPlaysAndRejects() throws Exception {
        LastfmSynthetic.generate(new LastfmSynthetic.Settings(300, 7, false), dir);
        // the quirks where the two readings used to part: names differing in case, a repeated pair, no artist
        Files.writeString(dir.resolve(LastfmSynthetic.PLAYS_FILE), U1 + "\t\tSolo Act\t3\n" + U1 + "\t\tsolo act\t4\n"
                + U2 + "\t\tSolo Act\t1\n" + U2 + "\t\tSolo Act\t2\n" + U2 + "\t\t\t5\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Interactions offline = DatasetReader.read("lastfm-360k", dir);

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    dir, ImportProgress.NONE);
            WorkloadImport.FileReport plays = report.file(LastfmSynthetic.PLAYS_FILE).orElseThrow();

            assertThat(offline.rows()).isEqualTo(plays.loaded()).isEqualTo(count(db, "SELECT count(*) FROM plays"));
            assertThat(keys(offline.rowUser(), offline::userKey)).isEqualTo(strings(db,
                    "SELECT DISTINCT u.user_key FROM plays p JOIN users u ON u.user_id = p.user_id"));
            assertThat(keys(offline.rowArtist(), offline::artistKey)).isEqualTo(strings(db,
                    "SELECT DISTINCT a.artist_key FROM plays p JOIN artists a ON a.artist_id = p.artist_id"))
                    .contains("name:Solo Act", "name:solo act");
            long offlinePlays = 0;
            for (int p : offline.rowPlays()) {
                offlinePlays += p;
            }
            assertThat(offlinePlays).isEqualTo(count(db, "SELECT sum(plays) FROM plays"));
            assertThat(rejectedLines(offline, LastfmSynthetic.PLAYS_FILE)).hasSize((int) plays.quarantined())
                    .isEqualTo(quarantinedLines(db, LastfmSynthetic.PLAYS_FILE));
            assertThat(rejectedLines(offline, LastfmSynthetic.PROFILE_FILE))
                    .isEqualTo(quarantinedLines(db, LastfmSynthetic.PROFILE_FILE));
            assertThat(plays.quarantined()).isGreaterThanOrEqualTo(2); // the repeated pair and the missing artist
        }
    }

    @Test
    void pozytywkaGivesTheSameUsersTracksSizesEventsAndRejects() throws Exception {
        String audio = "\"danceability\": 0.5, \"energy\": 0.5, \"loudness\": -5, \"speechiness\": 0.1, "
                + "\"acousticness\": 0.2, \"instrumentalness\": 0, \"liveness\": 0.1, \"valence\": 0.5, "
                + "\"tempo\": 120, \"popularity\": 50, \"explicit\": 0, \"release_date\": \"2001-05-01\"";
        write("users.jsonl", "{\"user_id\": 101, \"name\": \"A\", \"city\": \"Kraków\", \"street\": \"x\", "
                + "\"favourite_genres\": [\"rock\"], \"premium_user\": true}\n"
                + "{\"user_id\": 102, \"name\": \"B\", \"city\": \"Gdańsk\", \"street\": \"y\", "
                + "\"favourite_genres\": [], \"premium_user\": null}\n"
                + "{\"user_id\": 103, \"name\": \"C\", \"city\": \"Łódź\", \"street\": \"z\", "
                + "\"favourite_genres\": [], \"premium_user\": \"maybe\"}\n");
        write("artists.jsonl", "{\"id\": \"a1\", \"name\": \"Band\", \"genres\": [\"rock\"]}\n"
                + "{\"id\": \"-1\", \"name\": \"Lost\", \"genres\": []}\n");
        write("tracks.jsonl", "{\"id\": \"t1\", \"name\": \"One\", \"duration_ms\": 180000, \"id_artist\": \"a1\", "
                + audio + "}\n"
                + "{\"id\": \"t2\", \"name\": \"Two\", \"duration_ms\": 200000, \"id_artist\": \"a1\", " + audio + "}\n"
                + "{\"id\": \"t3\", \"name\": \"Three\", \"duration_ms\": -5, \"id_artist\": \"a1\", " + audio + "}\n");
        write("track_storage.jsonl", "{\"track_id\": \"t1\", \"storage_class\": \"FAST\", \"daily_cost\": 0.1}\n");
        String s = "\"session_id\": 7, ";
        write("sessions.jsonl",
                "{" + s + "\"timestamp\": \"2023-01-03T05:14:02.707000\", \"user_id\": 101, \"track_id\": \"t1\", "
                        + "\"event_type\": \"PLAY\"}\n"
                + "{" + s + "\"timestamp\": \"2023-01-03T05:17:02.707000\", \"user_id\": 101, \"track_id\": \"t1\", "
                        + "\"event_type\": \"SKIP\"}\n"
                + "{" + s + "\"timestamp\": \"2023-01-03T05:18:00\", \"user_id\": 102, \"track_id\": \"t2\", "
                        + "\"event_type\": \"PLAY\"}\n"
                + "{" + s + "\"timestamp\": \"2023-01-03T05:19:00\", \"user_id\": 102, \"track_id\": \"\", "
                        + "\"event_type\": \"ADVERTISEMENT\"}\n"
                + "{" + s + "\"timestamp\": \"2023-01-03T05:20:00\", \"user_id\": 102, \"track_id\": \"t9\", "
                        + "\"event_type\": \"PLAY\"}\n"
                + "{" + s + "\"timestamp\": \"yesterday\", \"user_id\": 102, \"track_id\": \"t2\", "
                        + "\"event_type\": \"PLAY\"}\n"
                + "{" + s + "\"timestamp\": \"2023-01-03T05:21:00\", \"user_id\": null, \"track_id\": \"t2\", "
                        + "\"event_type\": \"PLAY\"}\n");
        List<Interactions.Rejected> rejects = new ArrayList<>();
        ListeningData offline = PozytywkaFiles.read(dir, rejects);

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.POZYTYWKA, dir, ImportProgress.NONE);
            assertThat(new TreeSet<>(List.of(offline.userKeys()))).isEqualTo(strings(db, "SELECT user_key FROM users"));
            assertThat(new TreeSet<>(List.of(offline.trackKeys()))).isEqualTo(strings(db, "SELECT track_key FROM tracks"));
            // one size rule: the catalogue's sizes are the warehouse's
            Set<String> sizes = new TreeSet<>();
            for (int t = 0; t < offline.catalog().tracks(); t++) {
                sizes.add(offline.trackKeys()[t] + "=" + offline.catalog().sizeBytes(t));
            }
            assertThat(sizes).isEqualTo(strings(db, "SELECT track_key || '=' || size_bytes FROM tracks"));
            assertThat((long) offline.log().size()).isEqualTo(count(db, "SELECT count(*) FROM events"));
            for (String file : List.of("users.jsonl", "artists.jsonl", "tracks.jsonl", "sessions.jsonl")) {
                assertThat(lines(rejects, file)).as(file).isEqualTo(quarantinedLines(db, file));
            }
            assertThat(rejects).hasSize(6);
        }
    }

    @Test
    void theGeneratedWorkloadGivesTheSameUsersTracksAndEvents() throws Exception {
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(40, 5, 3, SyntheticWorkload.Settings.DEFAULT_FIRST_DAY),
                dir);
        Files.writeString(dir.resolve("events.csv"), "u-nobody,2026-10-02T10:00:00.000Z,OPEN,,\n"
                + "u000001,not-a-time,OPEN,,\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<Interactions.Rejected> rejects = new ArrayList<>();
        ListeningData offline = WorkloadFiles.read(dir, rejects);

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST, dir, ImportProgress.NONE);
            assertThat(new TreeSet<>(List.of(offline.userKeys()))).isEqualTo(strings(db, "SELECT user_key FROM users"));
            assertThat(new TreeSet<>(List.of(offline.trackKeys()))).isEqualTo(strings(db, "SELECT track_key FROM tracks"));
            assertThat((long) offline.log().size()).isEqualTo(count(db, "SELECT count(*) FROM events"));
            for (String file : List.of("users.csv", "tracks.csv", "events.csv")) {
                assertThat(lines(rejects, file)).as(file).isEqualTo(quarantinedLines(db, file));
            }
            assertThat(lines(rejects, "events.csv")).hasSize(2);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Set<String> keys(int[] ids, java.util.function.IntFunction<String> key) {
        Set<String> keys = new TreeSet<>();
        for (int id : ids) {
            keys.add(key.apply(id));
        }
        return keys;
    }

    private static Set<Long> rejectedLines(Interactions offline, String file) {
        return lines(offline.rejected(), file);
    }

    private static Set<Long> lines(List<Interactions.Rejected> rejects, String file) {
        Set<Long> lines = new TreeSet<>();
        for (Interactions.Rejected r : rejects) {
            if (r.file().equals(file)) {
                lines.add(r.line());
            }
        }
        return lines;
    }

    private static Set<Long> quarantinedLines(Database db, String file) throws SQLException {
        Set<Long> lines = new TreeSet<>();
        for (String line : strings(db, "SELECT line_no::text FROM quarantine WHERE source_file = '" + file + "'")) {
            lines.add(Long.parseLong(line));
        }
        return lines;
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> strings(Database db, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
