package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadImportTest {
    @TempDir
    Path dir;

    @Test
    void importsAGeneratedWorkloadCompletelyAndSkipsItTheSecondTime() throws Exception {
        SyntheticWorkload.Summary summary = SyntheticWorkload.generate(
                new SyntheticWorkload.Settings(300, 10, 42, LocalDate.of(2026, 10, 1)), dir);
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport first = WorkloadImport.importDirectory(db.dataSource(), dir);

            assertThat(first.files()).extracting(WorkloadImport.FileReport::file)
                    .containsExactly("users.csv", "artists.csv", "tracks.csv", "plays.csv", "events.csv");
            assertThat(first.quarantined()).isZero();
            assertThat(first.files()).allSatisfy(f -> {
                assertThat(f.read()).isEqualTo(f.loaded() + f.quarantined());
                assertThat(f.skippedAsDuplicate()).isFalse();
            });
            assertThat(first.file("events.csv").orElseThrow().loaded()).isEqualTo(summary.events());
            assertThat(count(db, "users")).isEqualTo(summary.users());
            assertThat(count(db, "artists")).isEqualTo(summary.artists());
            assertThat(count(db, "tracks")).isEqualTo(summary.tracks());
            assertThat(count(db, "plays")).isEqualTo(summary.plays());
            assertThat(count(db, "events")).isEqualTo(summary.events());
            assertThat(first.loaded()).isEqualTo(summary.users() + summary.artists() + summary.tracks()
                    + summary.plays() + summary.events());
            assertThat(count(db, "imports")).isEqualTo(5);
            // Keys were mapped, not just counted: the first plays row ends up on the right user and artist.
            String firstPlay = Files.readAllLines(dir.resolve("plays.csv")).get(1);
            assertThat(query(db, "SELECT u.user_key || ',' || a.artist_key || ',' || p.plays FROM plays p "
                    + "JOIN users u USING (user_id) JOIN artists a USING (artist_id) "
                    + "WHERE u.user_key = '" + firstPlay.split(",")[0] + "' AND a.artist_key = '"
                    + firstPlay.split(",")[1] + "'")).containsExactly(firstPlay);

            WorkloadImport.ImportReport second = WorkloadImport.importDirectory(db.dataSource(), dir);

            assertThat(second.files()).hasSize(5).allSatisfy(f -> {
                assertThat(f.skippedAsDuplicate()).isTrue();
                assertThat(f.loaded()).isZero();
            });
            assertThat(count(db, "events")).isEqualTo(summary.events());
            assertThat(count(db, "users")).isEqualTo(summary.users());
            assertThat(count(db, "imports")).isEqualTo(5);
        }
    }

    @Test
    void quarantinesEachBadRowWithItsLineFieldAndReasonAndLoadsTheRest() throws Exception {
        write("users.csv", String.join("\r\n",
                "user_id,gender,age,country,install_date,premium",
                "u1,m,30,SE,2026-10-02,true",
                "u2,x,30,SE,2026-10-02,false",
                "u3,F,200,\"Nor, way\",2026-10-02,false",
                "u4,f,abc,SE,2026-10-02,false",
                "u1,f,22,SE,2026-10-02,false",
                "u5,n,,,,",
                "u6,m,40,SE,2026-10-02",
                "u7,m,40,SE,2026-13-40,true")); // no line end after the last row
        write("artists.csv", "artist_id,name\n"
                + "a1,\"Sira, Nolo & Pet\"\n"
                + "a2,\"Mo \"\"Big\"\" Tavi\"\n"
                + "a3,\"Two\nLines\"\n"
                + ",Nameless\n"
                + "a4,Beyoncé\n");
        write("tracks.csv", "track_id,artist_id,title,duration_ms,size_bytes,storage_class\n"
                + "t1,a1,Song,200000,4000000,SLOW\n"
                + "t2,a9,Song,200000,4000000,SLOW\n"
                + "t3,a2,Song,0,4000000,SLOW\n"
                + "t4,a2,\"Bad \"quote\",1,1,SLOW\n"
                + "t5,a4,Song,180000,3600000,FAST\n");
        write("plays.csv", "user_id,artist_id,plays\n"
                + "u1,a1,10\n"
                + "u1,a2,-3\n"
                + "u9,a1,5\n"
                + "u1,a1,7\n"
                + "u3,a77,1\n"
                + "u3,a2,1.5\n"
                + "u5,a4,3\n");
        write("events.csv", "user_id,ts,event_name,track_id,session_id\n"
                + "u1,2026-10-02T10:00:00.000Z,FIRST_INSTALL,,\n"
                + "u1,2026-10-02T10:01:00Z,OPEN,,1\n"
                + "u1,2026-10-02 10:01:05,PLAY,t1,1\n"
                + "u1,2026-10-02T12:01:10+02:00,SKIP,t1,1\n"
                + "u1,yesterday,PLAY,t1,1\n"
                + "u1,1980-01-01T00:00:00Z,PLAY,t1,1\n"
                + "u1,2026-10-02T10:09:00Z,,t1,1\n"
                + "u1,2026-10-02T10:09:00Z,PLAY,t404,1\n"
                + "u9,2026-10-02T10:09:00Z,OPEN,,2\n"
                + "u1,2026-10-02T10:09:00Z,PLAY,t5,abc\n"
                + "u5,2026-10-02T10:10:00Z,OPEN,,3");

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importDirectory(db.dataSource(), dir);

            assertThat(report.files()).extracting(f -> f.file() + " " + f.read() + "=" + f.loaded() + "+"
                    + f.quarantined()).containsExactly(
                    "users.csv 8=3+5", "artists.csv 5=4+1", "tracks.csv 5=2+3", "plays.csv 7=2+5",
                    "events.csv 11=5+6");
            assertThat(query(db, "SELECT source_file || '|' || line_no || '|' || coalesce(field, '-') || '|' || reason "
                    + "FROM quarantine ORDER BY quarantine_id")).containsExactly(
                    "users.csv|3|gender|gender must be m, f, n or empty: 'x'",
                    "users.csv|5|age|not a whole number: 'abc'",
                    "users.csv|6|user_id|duplicate user_id 'u1', first at line 2",
                    "users.csv|8|-|expected 6 fields, found 5",
                    "users.csv|9|install_date|not a date: '2026-13-40'",
                    "artists.csv|6|artist_id|missing artist_id",
                    "tracks.csv|3|artist_id|unknown artist_id 'a9'",
                    "tracks.csv|4|duration_ms|duration_ms must be between 1 and 2147483647: '0'",
                    "tracks.csv|5|-|malformed CSV: text after a closing quote",
                    "plays.csv|3|plays|plays must be between 1 and 2147483647: '-3'",
                    "plays.csv|4|user_id|unknown user_id 'u9'",
                    "plays.csv|5|user_id,artist_id|duplicate user_id 'u1', artist_id 'a1', first at line 2",
                    "plays.csv|6|artist_id|unknown artist_id 'a77'",
                    "plays.csv|7|plays|not a whole number: '1.5'",
                    "events.csv|6|ts|not a timestamp: 'yesterday'",
                    "events.csv|7|ts|ts outside 1990-01-01 .. now + 1 day: '1980-01-01T00:00:00Z'",
                    "events.csv|8|event_name|missing event_name",
                    "events.csv|9|track_id|unknown track_id 't404'",
                    "events.csv|10|user_id|unknown user_id 'u9'",
                    "events.csv|11|session_id|not a whole number: 'abc'");
            // The raw line is the record as written, without its CRLF.
            assertThat(query(db, "SELECT raw_line FROM quarantine WHERE source_file = 'users.csv' AND line_no = 3"))
                    .containsExactly("u2,x,30,SE,2026-10-02,false");
            assertThat(query(db, "SELECT raw_line FROM quarantine WHERE source_file = 'users.csv' AND line_no = 9"))
                    .containsExactly("u7,m,40,SE,2026-13-40,true");
            assertThat(query(db, "SELECT user_key || '|' || coalesce(gender, '-') || '|' || coalesce(age::text, '-')"
                    + " || '|' || coalesce(country, '-') || '|' || coalesce(install_date::text, '-') || '|' || premium"
                    + " FROM users ORDER BY user_id")).containsExactly(
                    "u1|m|30|SE|2026-10-02|true", "u3|f|-|Nor, way|2026-10-02|false", "u5|n|-|-|-|false");
            assertThat(query(db, "SELECT name FROM artists ORDER BY artist_id"))
                    .containsExactly("Sira, Nolo & Pet", "Mo \"Big\" Tavi", "Two\nLines", "Beyoncé");
            assertThat(query(db, "SELECT u.user_key || '|' || to_char(e.ts AT TIME ZONE 'UTC', 'HH24:MI:SS') || '|'"
                    + " || e.event_name || '|' || coalesce(t.track_key, '-') || '|' || coalesce(e.session_id::text, '-')"
                    + " FROM events e JOIN users u USING (user_id) LEFT JOIN tracks t USING (track_id) ORDER BY e.ts"))
                    .containsExactly("u1|10:00:00|FIRST_INSTALL|-|-", "u1|10:01:00|OPEN|-|1", "u1|10:01:05|PLAY|t1|1",
                            "u1|10:01:10|SKIP|t1|1", "u5|10:10:00|OPEN|-|3");
            assertThat(query(db, "SELECT kind || ' ' || rows_read || '=' || rows_loaded || '+' || rows_quarantined"
                    + " FROM imports ORDER BY import_id"))
                    .containsExactly("users 8=3+5", "artists 5=4+1", "tracks 5=2+3", "plays 7=2+5", "events 11=5+6");
        }
    }

    @Test
    void keysAlreadyLoadedByAnEarlierFileAreQuarantinedNotOverwritten() throws Exception {
        Path first = write("users.csv", "user_id,gender,age,country,install_date,premium\nu1,m,30,SE,,true\n");
        Path later = write("users-2.csv", "user_id,gender,age,country,install_date,premium\nu1,f,31,NO,,false\nu2,,,,,\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importFile(db.dataSource(), first);
            WorkloadImport.FileReport report = WorkloadImport.importFile(db.dataSource(), later).files().get(0);

            assertThat(report.read()).isEqualTo(2);
            assertThat(report.loaded()).isEqualTo(1);
            assertThat(query(db, "SELECT reason FROM quarantine")).containsExactly("user_id 'u1' already loaded");
            assertThat(query(db, "SELECT user_key || gender FROM users WHERE user_key = 'u1'")).containsExactly("u1m");
        }
    }

    @Test
    void aFileThatFailsLeavesNothingBehind() throws Exception {
        write("users.csv", "user_id,gender,age,country,install_date,premium\nu1,m,30,SE,,true\n");
        write("artists.csv", "id,name\na1,Nobody\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            assertThatThrownBy(() -> WorkloadImport.importDirectory(db.dataSource(), dir))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("artists.csv").hasMessageContaining("artist_id,name");

            assertThat(count(db, "users")).isEqualTo(1); // the file before it committed
            assertThat(count(db, "artists")).isZero();
            assertThat(query(db, "SELECT source_file FROM imports")).containsExactly("users.csv");
        }
    }

    @Test
    void aFailureAtTheLastStepRollsBackTheRowsAlreadyInserted() throws Exception {
        Path users = write("users.csv", "user_id,gender,age,country,install_date,premium\nu1,m,30,SE,,true\nu2,x,,,,\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            // Quarantine rows are written after the data rows and the ledger row: make that last write fail.
            execute(db, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$BEGIN RAISE EXCEPTION 'disk full (simulated)'; END$$");
            execute(db, "CREATE TRIGGER refuse BEFORE INSERT ON quarantine FOR EACH ROW EXECUTE FUNCTION refuse()");

            assertThatThrownBy(() -> WorkloadImport.importFile(db.dataSource(), users))
                    .hasMessageContaining("disk full (simulated)");

            assertThat(count(db, "users")).isZero();
            assertThat(count(db, "imports")).isZero();
            execute(db, "DROP TRIGGER refuse ON quarantine");
            assertThat(WorkloadImport.importFile(db.dataSource(), users).loaded())
                    .as("the failed attempt left no ledger row, so the file is not taken for a duplicate").isEqualTo(1);
        }
    }

    @Test
    void refusesWhatItCannotImport() throws Exception {
        Path unknownKind = write("listens.csv", "user_id\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            DataSource ds = db.dataSource();
            assertThatThrownBy(() -> WorkloadImport.importDirectory(ds, dir.resolve("missing")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
            assertThatThrownBy(() -> WorkloadImport.importFile(ds, unknownKind))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listens.csv");
            assertThatThrownBy(() -> WorkloadImport.importFile(ds, dir.resolve("users.csv")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
            assertThat(WorkloadImport.importDirectory(ds, dir).files()).isEmpty();
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static long count(Database db, String table) throws SQLException {
        return Long.parseLong(query(db, "SELECT count(*) FROM " + table).get(0));
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
