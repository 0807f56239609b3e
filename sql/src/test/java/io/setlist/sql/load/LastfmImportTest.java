package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.workload.LastfmSynthetic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Last.fm 360K quirks, each on a fixture line written here, and the generated full-shape files. */
class LastfmImportTest {
    private static final String A = "00000000000000000000000000000000000000aa";
    private static final String B = "00000000000000000000000000000000000000bb";
    private static final String C = "00000000000000000000000000000000000000cc"; // in the plays file only
    private static final String D = "00000000000000000000000000000000000000dd"; // in the profile file only
    private static final String MBID = "a74b1b7f-71a5-4011-9441-d0b5e4122711";

    @TempDir
    Path dir;

    @Test
    void takesEveryQuirkOfTheRealFilesAndQuarantinesWhatIsBroken() throws Exception {
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        line(profile, A + "\tm\t22\tUnited States\tFeb 1, 2007", "\r\n");            // CRLF copy
        line(profile, B + "\t\t\t\t", "\r\n");                                          // empty gender, age, country, signup
        line(profile, D + "\tf\t-1337\tKorea, Republic of\tSep 30, 2006", "\n");       // absurd age, comma in country
        line(profile, "0000000000000000000000000000000000000011\tm\t1987\t\tDec 24, 2008", "\n"); // a birth year as age
        line(profile, "0000000000000000000000000000000000000022\tx\t30\tPoland\tFeb 1, 2007", "\n"); // bad gender
        line(profile, "0000000000000000000000000000000000000033\tm\t30\tPoland\tsometime", "");      // bad date, no EOL
        ByteArrayOutputStream plays = new ByteArrayOutputStream();
        line(plays, A + "\t" + MBID + "\tRadiohead\t500", "\n");
        line(plays, A + "\t\t\"Weird Al\" Yankovic\t40", "\n");                       // quotes, no mbid
        line(plays, A + "\t\tThe \" Band\t30", "\r\n");                                 // a stray quote, CRLF
        line(plays, C + "\t" + MBID + "\tRadiohead\t12", "\n");                        // user with no profile
        line(plays, C + "\t\tSigur Rós\t9", "\n");                                      // non-ASCII
        line(plays, C + "\t\tSigur Rós\t3", "\n");                                      // duplicate pair
        line(plays, B + "\t\tNobody\t-4", "\n");                                         // negative plays
        line(plays, B + "\t\tNobody", "\n");                                             // a field missing
        line(plays, "not-a-sha1\t\tNobody\t3", "\n");                                    // invalid id
        line(plays, B + "\t\t\t3", "\n");                                                // neither mbid nor name
        plays.writeBytes((B + "\t\tCaf").getBytes(StandardCharsets.US_ASCII));
        plays.write(0xE9);                                                               // Latin-1, not UTF-8
        plays.writeBytes("\t3".getBytes(StandardCharsets.US_ASCII));                     // last line, no EOL
        Files.write(dir.resolve(LastfmSynthetic.PROFILE_FILE), profile.toByteArray());
        Files.write(dir.resolve(LastfmSynthetic.PLAYS_FILE), plays.toByteArray());

        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    dir, ImportProgress.NONE);

            WorkloadImport.FileReport p = report.file(LastfmSynthetic.PROFILE_FILE).orElseThrow();
            assertThat(List.of(p.read(), p.loaded(), p.quarantined())).containsExactly(6L, 4L, 2L);
            WorkloadImport.FileReport q = report.file(LastfmSynthetic.PLAYS_FILE).orElseThrow();
            assertThat(List.of(q.read(), q.loaded(), q.quarantined())).containsExactly(11L, 5L, 6L);
            assertThat(rows(db, "SELECT line_no || '|' || coalesce(field, '-') || '|' || reason FROM quarantine "
                    + "WHERE source_file = '" + LastfmSynthetic.PLAYS_FILE + "' ORDER BY line_no")).containsExactly(
                    "6|user_id,artist_id|duplicate user_id '" + C + "', artist_id 'name:Sigur Rós', first at line 5",
                    "7|plays|plays must be between 1 and 2147483647: '-4'",
                    "8|-|expected 4 fields, found 3",
                    "9|user_sha1|not a 40-digit hex sha1: 'not-a-sha1'",
                    "10|artist_name|missing artist: neither mbid nor name",
                    "11|-|bad encoding: the line is not valid UTF-8");
            assertThat(rows(db, "SELECT u.user_key || '|' || coalesce(u.gender, '?') || '|' || coalesce(u.age::text, '?') "
                    + "|| '|' || coalesce(u.country, '?') || '|' || coalesce(u.signup_date::text, '?') FROM users u "
                    + "ORDER BY u.user_key")).containsExactly(
                    "0000000000000000000000000000000000000011|m|?|?|2008-12-24",
                    A + "|m|22|United States|2007-02-01",
                    B + "|?|?|?|?",
                    C + "|?|?|?|?",
                    D + "|f|?|Korea, Republic of|2006-09-30");
            assertThat(rows(db, "SELECT a.artist_key || '|' || a.name || '|' || sum(p.plays) FROM artists a "
                    + "JOIN plays p USING (artist_id) GROUP BY a.artist_key, a.name ORDER BY a.artist_key")).containsExactly(
                    MBID + "|Radiohead|512",
                    "name:\"Weird Al\" Yankovic|\"Weird Al\" Yankovic|40",
                    "name:Sigur Rós|Sigur Rós|9",
                    "name:The \" Band|The \" Band|30");

            WorkloadImport.ImportReport again = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    dir, ImportProgress.NONE);
            assertThat(again.files()).allMatch(WorkloadImport.FileReport::skippedAsDuplicate);
            assertThat(rows(db, "SELECT count(*) FROM plays")).containsExactly("5");
            assertThat(rows(db, "SELECT count(*) FROM quarantine")).containsExactly("8");
        }
    }

    @Test
    void quarantinesExactlyTheMalformedLinesTheGeneratorWrote() throws Exception {
        LastfmSynthetic.Summary summary = LastfmSynthetic.generate(new LastfmSynthetic.Settings(400, 7, true), dir);
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    dir, ImportProgress.NONE);
            WorkloadImport.FileReport plays = report.file(LastfmSynthetic.PLAYS_FILE).orElseThrow();
            assertThat(plays.read()).isEqualTo(summary.playRows());
            assertThat(plays.quarantined()).isEqualTo(summary.malformedPlayRows());
            WorkloadImport.FileReport profiles = report.file(LastfmSynthetic.PROFILE_FILE).orElseThrow();
            assertThat(profiles.read()).isEqualTo(summary.profileRows());
            assertThat(profiles.quarantined()).isEqualTo(summary.malformedProfileRows());
            assertThat(rows(db, "SELECT count(*) FROM artists WHERE artist_key LIKE 'name:%'").get(0))
                    .isNotEqualTo("0");
        }
    }

    private static void line(ByteArrayOutputStream out, String text, String eol) {
        out.writeBytes((text + eol).getBytes(StandardCharsets.UTF_8));
    }

    static List<String> rows(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
