package io.setlist.sql.events;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.retention.CohortRetention;
import io.setlist.sql.retention.RetentionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventPurgeTest {
    @TempDir
    Path dir;

    @Test
    void dropsWholeMonthsOlderThanTheWindowAndRetentionKeepsTheirHistory() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,ts,event_name\n");
        // Users install each first-of-month from January to June 2025 and come back two days later.
        for (int m = 1; m <= 6; m++) {
            for (int u = 0; u < m; u++) {
                String user = "m" + m + "u" + u;
                csv.append(user).append(",2025-0").append(m).append("-01T10:00:00Z,FIRST_INSTALL\n");
                csv.append(user).append(",2025-0").append(m).append("-03T23:59:59Z,OPEN\n");
            }
        }
        Path file = dir.resolve("events.csv");
        Files.writeString(file, csv);
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.EVENTS, file, ImportProgress.NONE);
            assertThat(partitions(db)).containsExactly("events_p202501", "events_p202502", "events_p202503",
                    "events_p202504", "events_p202505", "events_p202506");
            RetentionMatrix matrix = new RetentionMatrix(db.dataSource());

            // Window of 90 days before the newest event day, 2025-06-03 (earlier than the business date
            // 2025-06-20): events before 2025-03-05 go, so January and February do; March straddles the cutoff and
            // stays whole.
            EventPurge.Result result = new EventPurge(db.dataSource()).purge(LocalDate.of(2025, 6, 20), 90);

            assertThat(result.cutoff()).isEqualTo(LocalDate.of(2025, 3, 5));
            assertThat(result.droppedPartitions()).containsExactly("events_p202501", "events_p202502");
            assertThat(result.eventsDropped()).isEqualTo(2 * (1 + 2));
            assertThat(partitions(db)).containsExactly("events_p202503", "events_p202504", "events_p202505",
                    "events_p202506");
            assertThat(count(db, "SELECT count(*) FROM events WHERE ts < '2025-03-01'")).isZero();
            // The raw-event query has lost January; the rollups have not.
            CohortRetention retention = new CohortRetention(db.dataSource());
            assertThat(retention.compute(LocalDate.of(2025, 1, 1), 1, 7).cohortSize()).isZero();
            CohortRetention.Result january = retention.computeFromRollups(LocalDate.of(2025, 1, 1), 1, 7);
            assertThat(List.of(january.cohortSize(), january.retained())).containsExactly(1L, 1L);
            List<RetentionMatrix.Cohort> cohorts = matrix.compute(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30),
                    RetentionMatrix.CohortBy.DAY);
            assertThat(cohorts).extracting(RetentionMatrix.Cohort::size).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(cohorts).allSatisfy(c -> assertThat(c.exact()[1]).isEqualTo(c.size()));

            // A second purge for the same date finds nothing more to drop.
            assertThat(new EventPurge(db.dataSource()).purge(LocalDate.of(2025, 6, 20), 90).droppedPartitions())
                    .isEmpty();
        }
    }

    @Test
    void aBusinessDateFarAheadOfTheDataNeverPurgesTheNewestWindow() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,ts,event_name\n");
        for (int m = 1; m <= 6; m++) {
            csv.append("u").append(m).append(",2025-0").append(m).append("-01T10:00:00Z,FIRST_INSTALL\n");
            csv.append("u").append(m).append(",2025-0").append(m).append("-20T10:00:00Z,OPEN\n");
        }
        Path file = dir.resolve("events.csv");
        Files.writeString(file, csv);
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.EVENTS, file, ImportProgress.NONE);

            // 2099 minus 30 days would drop every partition; the window is measured from the newest event day,
            // 2025-06-20, instead: events from 2025-05-21 on must all stay.
            EventPurge.Result result = new EventPurge(db.dataSource()).purge(LocalDate.of(2099, 1, 1), 30);

            assertThat(result.cutoff()).isEqualTo(LocalDate.of(2025, 5, 21));
            assertThat(result.droppedPartitions()).containsExactly("events_p202501", "events_p202502",
                    "events_p202503", "events_p202504");
            assertThat(partitions(db)).containsExactly("events_p202505", "events_p202506");
            assertThat(count(db, "SELECT count(*) FROM events")).isEqualTo(4);
        }
    }

    private static List<String> partitions(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     + "WHERE i.inhparent = 'events'::regclass ORDER BY 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
