package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.workload.LastfmSynthetic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static io.setlist.sql.load.LastfmImportTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plays files go straight into {@code plays} with their checks done in memory ({@link PlayCopy}). */
class PlayCopyTest {
    @TempDir
    Path dir;

    @Test
    void aPairLoadedByAnEarlierFileIsQuarantinedAndTheNewPairsOfTheLaterFileLoad() throws Exception {
        write("users.csv", "user_id,gender,age,country,install_date,premium\nu1,m,30,SE,,true\nu2,,,,,\n");
        write("artists.csv", "artist_id,name\na1,One\na2,Two\n");
        write("plays.csv", "user_id,artist_id,plays\nu1,a1,5\n");
        Path later = write("plays-2.csv", "user_id,artist_id,plays\nu1,a1,7\nu1,a2,3\nu2,a1,1\nu2,a1,9\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.importDirectory(db.dataSource(), dir);
            WorkloadImport.FileReport report = WorkloadImport.importFile(db.dataSource(), later).files().get(0);

            assertThat(report.read()).isEqualTo(4);
            assertThat(report.loaded()).isEqualTo(2);
            assertThat(rows(db, "SELECT line_no || '|' || field || '|' || reason FROM quarantine ORDER BY line_no"))
                    .containsExactly("2|user_id,artist_id|plays of user_id 'u1' for artist_id 'a1' already loaded",
                            "5|user_id,artist_id|duplicate user_id 'u2', artist_id 'a1', first at line 4");
            assertThat(rows(db, "SELECT u.user_key || a.artist_key || '=' || p.plays FROM plays p JOIN users u "
                    + "USING (user_id) JOIN artists a USING (artist_id) ORDER BY 1"))
                    .containsExactly("u1a1=5", "u1a2=3", "u2a1=1");
        }
    }

    @Test
    void createsThousandsOfUsersInFirstSeenOrderWhileRejectingThousandsOfRows() throws Exception {
        // More new users than one block of ids and more rejected rows than one batch: the COPY into plays is ended
        // and restarted several times, and nothing may be lost or mapped to the wrong key across the restarts.
        int rows = 32_000;
        StringBuilder plays = new StringBuilder("userID\tartistID\tweight\n");
        int rejected = 0;
        for (int i = 1; i <= rows; i++) {
            boolean unknownArtist = i % 8 < 3;
            rejected += unknownArtist ? 1 : 0;
            plays.append(100_000 - i).append('\t').append(unknownArtist ? 99 : 1 + i % 3).append('\t').append(i)
                    .append('\n');
        }
        write("artists.dat", "id\tname\turl\tpictureURL\n1\tOne\t\t\n2\tTwo\t\t\n3\tThree\t\t\n");
        write("user_artists.dat", plays.toString());
        assertThat(rows).isGreaterThan(3 * KeyIds.BLOCK);
        assertThat(rejected).isGreaterThan(10_000);
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.FileReport report = WorkloadImport.importPath(db.dataSource(),
                    ImportFormat.HETREC_LASTFM, dir, ImportProgress.NONE).file("user_artists.dat").orElseThrow();

            assertThat(report.read()).isEqualTo(rows);
            assertThat(report.loaded()).isEqualTo(rows - rejected);
            assertThat(report.quarantined()).isEqualTo(rejected);
            assertThat(rows(db, "SELECT count(*) FROM quarantine WHERE reason = 'unknown artist_id ''99'''"))
                    .containsExactly(Integer.toString(rejected));
            // Users are created from every row that passed the file's own checks, in the order first seen.
            assertThat(rows(db, "SELECT count(*) FROM users")).containsExactly(Integer.toString(rows));
            assertThat(rows(db, "SELECT count(*) FROM (SELECT 100000 - user_key::int AS line, "
                    + "row_number() OVER (ORDER BY user_id) AS n FROM users) x WHERE line <> n")).containsExactly("0");
            // Every loaded row sits on its own user and artist with its own count.
            assertThat(rows(db, "SELECT count(*) FROM plays p JOIN users u USING (user_id) JOIN artists a "
                    + "USING (artist_id) WHERE a.artist_key::int <> 1 + (100000 - u.user_key::int) % 3 "
                    + "OR p.plays <> 100000 - u.user_key::int")).containsExactly("0");
            assertThat(rows(db, "SELECT count(*) FROM plays")).containsExactly(Long.toString(rows - rejected));
        }
    }

    @Test
    void aPlaysFileThatFailsLeavesNoPlaysUsersOrArtistsBehindAndCanBeImportedAgain() throws Exception {
        LastfmSynthetic.Summary summary = LastfmSynthetic.generate(new LastfmSynthetic.Settings(200, 3, false), dir);
        try (Database db = TestWarehouse.freshDatabase()) {
            execute(db, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$BEGIN RAISE EXCEPTION 'disk full (simulated)'; END$$");
            execute(db, "CREATE TRIGGER refuse BEFORE INSERT ON artists FOR EACH ROW EXECUTE FUNCTION refuse()");

            assertThatThrownBy(() -> WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K, dir,
                    ImportProgress.NONE)).hasMessageContaining("disk full (simulated)");

            long profiles = summary.profileRows() - summary.malformedProfileRows();
            assertThat(rows(db, "SELECT count(*) FROM users")).containsExactly(Long.toString(profiles));
            assertThat(rows(db, "SELECT count(*) FROM plays")).containsExactly("0");
            assertThat(rows(db, "SELECT count(*) FROM artists")).containsExactly("0");
            assertThat(rows(db, "SELECT count(*) FROM imports WHERE source_file = '" + LastfmSynthetic.PLAYS_FILE
                    + "'")).containsExactly("0");

            execute(db, "DROP TRIGGER refuse ON artists");
            WorkloadImport.FileReport again = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    dir, ImportProgress.NONE).file(LastfmSynthetic.PLAYS_FILE).orElseThrow();
            assertThat(again.loaded()).isEqualTo(summary.playRows() - summary.malformedPlayRows());
            assertThat(rows(db, "SELECT count(*) FROM plays")).containsExactly(Long.toString(again.loaded()));
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
