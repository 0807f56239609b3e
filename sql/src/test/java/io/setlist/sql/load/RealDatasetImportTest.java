package io.setlist.sql.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.recommender.testing.SharedData;
import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports of the public datasets in ../shared/data, checked against their SOURCE.md and independent counts. */
class RealDatasetImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void hetrecLoadsEveryRowSourceMdCounts() throws Exception {
        Path hetrec = SharedData.dir("hetrec-lastfm-2k");
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(),
                    ImportFormat.HETREC_LASTFM, hetrec, ImportProgress.NONE);

            // SOURCE.md: 17,632 artists, 92,834 (user, artist, weight) rows, 1,892 users, no malformed lines.
            assertThat(report.file("artists.dat").orElseThrow().loaded()).isEqualTo(17_632);
            assertThat(report.file("user_artists.dat").orElseThrow().loaded()).isEqualTo(92_834);
            // SOURCE.md: 25,434 ordered friendship pairs, no self-loops; 186,478 rejoined tag assignments, of which
            // those on the artistIDs artists.dat lacks are quarantined, as plays of such artists would be.
            assertThat(report.file("user_friends.dat").orElseThrow().loaded()).isEqualTo(25_434);
            WorkloadImport.FileReport tags = report.file("user_taggedartists.rejoined.dat").orElseThrow();
            assertThat(tags.read()).isEqualTo(186_478);
            assertThat(tags.loaded() + tags.quarantined()).isEqualTo(186_478);
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM quarantine WHERE source_file <> "
                    + "'user_taggedartists.rejoined.dat' OR reason NOT LIKE 'unknown artistID %'"))
                    .containsExactly("0");
            assertThat(tags.quarantined()).isPositive();
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM users")).containsExactly("1892");
            // SOURCE.md: top artist by total plays is Britney Spears, 2,393,140.
            assertThat(LastfmImportTest.rows(db, "SELECT a.name || '|' || sum(p.plays) FROM plays p "
                    + "JOIN artists a USING (artist_id) GROUP BY a.name ORDER BY sum(p.plays) DESC LIMIT 1"))
                    .containsExactly("Britney Spears|2393140");
            // UTF-8 names survive (artists.dat is UTF-8 with LF; user_artists.dat CRLF).
            assertThat(LastfmImportTest.rows(db, "SELECT name FROM artists WHERE artist_key = '1'"))
                    .containsExactly("MALICE MIZER");
        }
    }

    @Test
    void pozytywkaV2LoadsCleanly() throws Exception {
        Path v2 = SharedData.dir("pozytywka-v2");
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(), ImportFormat.POZYTYWKA,
                    v2, ImportProgress.NONE);

            assertThat(report.quarantined()).isZero();
            assertThat(report.file("sessions.jsonl").orElseThrow().loaded()).isEqualTo(19_348);
            assertThat(report.file("track_storage.jsonl").orElseThrow().loaded()).isEqualTo(21_608);
            // SOURCE.md: SLOW 21,386 / MEDIUM 220 / FAST 2; PLAY 10,229; sizes derived from the duration.
            assertThat(LastfmImportTest.rows(db, "SELECT storage_class || '=' || count(*) FROM tracks "
                    + "GROUP BY storage_class ORDER BY storage_class"))
                    .containsExactly("FAST=2", "MEDIUM=220", "SLOW=21386");
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM events WHERE event_name = 'PLAY'"))
                    .containsExactly("10229");
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM tracks WHERE size_bytes <> duration_ms * 20 "
                    + "OR daily_cost IS NULL")).containsExactly("0");
            // The cache plan's cost priority (SETLIST_CACHE_COST) reads the daily cost through the completion catalogue.
            io.setlist.recommender.completion.TrackCatalog catalog = new io.setlist.sql.completion.WarehouseListening(
                    db.dataSource()).read(java.time.Instant.parse("2023-01-01T00:00:00Z"),
                    java.time.Instant.parse("2023-01-02T00:00:00Z")).catalog();
            for (String idCost : LastfmImportTest.rows(db, "SELECT track_id || '|' || daily_cost FROM tracks "
                    + "ORDER BY daily_cost DESC, track_id LIMIT 3")) {
                String[] f = idCost.split("\\|");
                assertThat(catalog.dailyCost(Integer.parseInt(f[0]))).isEqualTo(Double.parseDouble(f[1]));
            }

            WorkloadImport.ImportReport again = WorkloadImport.importPath(db.dataSource(), ImportFormat.POZYTYWKA,
                    v2, ImportProgress.NONE);
            assertThat(again.loaded()).isZero();
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM events")).containsExactly("19348");
        }
    }

    /**
     * The dirty release, with v2's tracks.jsonl standing in for the missing v1 one (SOURCE.md). The expected
     * quarantine counts are worked out here from the JSON itself, rule by rule, not read from the importer.
     */
    @Test
    void pozytywkaV1QuarantineMatchesAnIndependentCount() throws Exception {
        Path v1 = SharedData.dir("pozytywka-v1");
        Path v2 = SharedData.dir("pozytywka-v2");
        for (String f : List.of("users.jsonl", "artists.jsonl", "track_storage.jsonl", "sessions.jsonl")) {
            Files.copy(v1.resolve(f), dir.resolve(f));
        }
        Files.copy(v2.resolve("tracks.jsonl"), dir.resolve("tracks.jsonl"));

        Set<String> users = new HashSet<>();
        for (JsonNode u : lines(dir.resolve("users.jsonl"))) {
            users.add(u.get("user_id").asText());
        }
        Set<String> artists = new HashSet<>();
        long badArtists = 0;
        for (JsonNode a : lines(dir.resolve("artists.jsonl"))) {
            JsonNode id = a.get("id");
            if (id == null || id.isNull() || id.asText().equals("-1") || !artists.add(id.asText())) {
                badArtists++;
            }
        }
        Set<String> tracks = new HashSet<>();
        long badTracks = 0;
        for (JsonNode t : lines(dir.resolve("tracks.jsonl"))) {
            if (artists.contains(t.get("id_artist").asText()) && tracks.add(t.get("id").asText())) {
                continue;
            }
            badTracks++;
        }
        long badStorage = 0;
        for (JsonNode s : lines(dir.resolve("track_storage.jsonl"))) {
            badStorage += tracks.contains(s.get("track_id").asText()) ? 0 : 1;
        }
        Map<String, Long> sessionReasons = new HashMap<>();
        for (JsonNode e : lines(dir.resolve("sessions.jsonl"))) {
            String reason = null;
            JsonNode user = e.get("user_id");
            JsonNode type = e.get("event_type");
            JsonNode track = e.get("track_id");
            boolean noTrack = track == null || track.isNull() || track.asText().isEmpty();
            if (user == null || user.isNull()) {
                reason = "user";
            } else if (type == null || type.isNull()) {
                reason = "event_type";
            } else if (noTrack && Set.of("PLAY", "SKIP", "LIKE").contains(type.asText())) {
                reason = "missing track";
            } else if (!users.contains(user.asText())) {
                reason = "unknown user";
            } else if (!noTrack && !tracks.contains(track.asText())) {
                reason = "unknown track";
            }
            if (reason != null) {
                sessionReasons.merge(reason, 1L, Long::sum);
            }
        }
        long badSessions = sessionReasons.values().stream().mapToLong(Long::longValue).sum();
        // Sanity of the independent count against SOURCE.md: 557 artists with id -1, 195 null user_ids.
        assertThat(badArtists).isGreaterThanOrEqualTo(557);
        assertThat(sessionReasons.get("user")).isEqualTo(195);

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(), ImportFormat.POZYTYWKA,
                    dir, ImportProgress.NONE);

            assertThat(report.file("users.jsonl").orElseThrow().quarantined()).isZero();
            assertThat(report.file("artists.jsonl").orElseThrow().quarantined()).isEqualTo(badArtists);
            assertThat(report.file("tracks.jsonl").orElseThrow().quarantined()).isEqualTo(badTracks);
            assertThat(report.file("track_storage.jsonl").orElseThrow().quarantined()).isEqualTo(badStorage);
            assertThat(report.file("sessions.jsonl").orElseThrow().quarantined()).isEqualTo(badSessions);
            assertThat(report.files()).allSatisfy(f -> assertThat(f.read()).isEqualTo(f.loaded() + f.quarantined()));
            assertThat(new QuarantineLog(db.dataSource()).counts("sessions.jsonl")).containsEntry("sessions.jsonl",
                    badSessions);
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM quarantine WHERE source_file = 'sessions.jsonl' "
                    + "AND field = 'user_id' AND reason = 'missing user_id'")).containsExactly("195");
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
