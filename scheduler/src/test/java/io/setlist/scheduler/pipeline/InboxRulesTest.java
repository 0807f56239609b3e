package io.setlist.scheduler.pipeline;

import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.sql.load.RejectedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox's rules, against the real warehouse: what is taken, when, how often, and what a bad file does. */
class InboxRulesTest {
    private static final String USERS = "user_id,gender,age,country,install_date,premium\nu1,m,30,SE,,\nu2,f,31,NO,,\n";
    private static final String EVENTS_HEAD = "user_id,ts,event_name\n";

    @TempDir
    Path home;

    @Test
    void takesOnlyCompleteRegularFilesAndAGrownFileAddsOnlyItsNewEvents() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Path outside = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(outside.resolve("users.csv"), "user_id,gender,age,country,install_date,premium\nx9,,,,,\n");
        Files.createSymbolicLink(inbox.resolve("users-linked.csv"), outside.resolve("users.csv"));
        Files.writeString(inbox.resolve("users-linked.csv.done"), "");
        Files.createDirectories(inbox.resolve("users-dir.csv"));
        drop(inbox, "users.csv", USERS);
        // Two identical rows are two real taps: both are kept.
        String firstPart = EVENTS_HEAD + "u1,2026-08-01T10:00:00.000Z,OPEN\nu1,2026-08-01T10:00:00.000Z,OPEN\n"
                + "u2,2026-08-01T11:00:00.000Z,OPEN\n";
        Files.writeString(inbox.resolve("events.csv"), firstPart);   // still being written: no marker yet
        Config settings = RealBackends.isolatedConfig(home, Map.of("SETLIST_INBOX", inbox.toString()));
        try (Backends backends = Backends.open(settings)) {
            DailyPipeline pipeline = DailyPipeline.standard(backends, settings);

            DailyPipeline.StageReport first = pipeline.runOne("import", LocalDate.parse("2026-08-05"), false);

            assertThat(first.summary()).contains("1 file(s)").contains("waiting for .done: events.csv")
                    .contains("users-linked.csv (symbolic link)").contains("users-dir.csv (directory)");
            assertThat(query(backends, "SELECT string_agg(user_key, ',' ORDER BY user_key) FROM users"))
                    .isEqualTo("u1,u2");
            assertThat(query(backends, "SELECT count(*) FROM events")).isEqualTo("0");

            Files.writeString(inbox.resolve("events.csv.done"), "");
            DailyPipeline.StageReport second = pipeline.runOne("import", LocalDate.parse("2026-08-06"), false);
            assertThat(second.rowsOut()).isEqualTo(3);
            assertThat(query(backends, "SELECT count(*) FROM events")).isEqualTo("3");

            // The producer appends to the same file: the next run adds only the new rows, a third identical tap
            // among them.
            Files.writeString(inbox.resolve("events.csv"), firstPart + "u1,2026-08-01T10:00:00.000Z,OPEN\n"
                    + "u2,2026-08-02T09:00:00.000Z,PLAY\n");
            DailyPipeline.StageReport third = pipeline.runOne("import", LocalDate.parse("2026-08-07"), false);
            assertThat(third.rowsOut()).isEqualTo(2);
            assertThat(third.summary()).contains("3 events already loaded");
            assertThat(query(backends, "SELECT count(*) FROM events")).isEqualTo("5");
            assertThat(query(backends, "SELECT string_agg(occurrence::text, ',' ORDER BY event_id) FROM events e "
                    + "JOIN users u USING (user_id) WHERE u.user_key = 'u1'")).isEqualTo("1,2,3");
        }
    }

    @Test
    void aBadFileIsQuarantinedWholeAndTheRunGoesOnEveryDay() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        drop(inbox, "users.csv", USERS);
        drop(inbox, "artists-bad.csv", "id,title\na1,Nobody\n");
        drop(inbox, "events.csv", EVENTS_HEAD + "u1,2026-08-01T10:00:00.000Z,OPEN\n");
        Config settings = RealBackends.isolatedConfig(home, Map.of("SETLIST_INBOX", inbox.toString()));
        try (Backends backends = Backends.open(settings)) {
            DailyPipeline pipeline = DailyPipeline.standard(backends, settings);

            DailyPipeline.StageReport first = pipeline.runOne("import", LocalDate.parse("2026-08-05"), false);

            assertThat(first.summary()).contains("1 file(s) quarantined: artists-bad.csv -> quarantine/artists-bad.csv")
                    .contains("the first line must be the header artist_id,name");
            assertThat(first.rowsOut()).isEqualTo(3);
            assertThat(inbox.resolve("artists-bad.csv")).doesNotExist();
            assertThat(inbox.resolve("quarantine/artists-bad.csv")).hasContent("id,title\na1,Nobody");
            assertThat(inbox.resolve("quarantine/artists-bad.csv.done")).exists();
            assertThat(new RejectedFiles(backends.warehouse()).recent(10)).singleElement().satisfies(r -> {
                assertThat(r.sourceFile()).isEqualTo("artists-bad.csv");
                assertThat(r.reason()).contains("artist_id,name");
                assertThat(r.movedTo()).endsWith("quarantine/artists-bad.csv");
            });

            // The same bad file dropped again is quarantined again, kept beside the first; the run still succeeds.
            drop(inbox, "artists-bad.csv", "id,title\n");
            DailyPipeline.StageReport second = pipeline.runOne("import", LocalDate.parse("2026-08-06"), false);
            assertThat(second.summary()).contains("artists-bad.csv -> quarantine/artists-bad.csv.1");
            assertThat(query(backends, "SELECT count(*) FROM rejected_files")).isEqualTo("2");
        }
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Files.writeString(inbox.resolve(name), content);
        Files.writeString(inbox.resolve(name + ".done"), "");
    }

    private static String query(Backends backends, String sql) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
