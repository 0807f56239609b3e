package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HetRec's friendships and tag assignments: loaded into their tables, every bad row quarantined with its reason. */
class HetrecRelationsImportTest {
    @TempDir
    Path dir;

    @Test
    void friendshipsAndTagAssignmentsLoadAndBadRowsAreQuarantinedWithFileLineFieldAndReason() throws Exception {
        Files.writeString(dir.resolve("artists.dat"), "id\tname\turl\tpictureURL\n1\tA\tu\tp\n2\tB\tu\tp\n");
        Files.writeString(dir.resolve("user_artists.dat"), "userID\tartistID\tweight\r\n2\t1\t10\r\n3\t2\t5\r\n"
                + "4\t1\t7\r\n");
        Files.writeString(dir.resolve("user_friends.dat"), "userID\tfriendID\r\n"
                + "2\t3\r\n"      // line 2: loaded
                + "3\t2\r\n"      // line 3: loaded (the other direction)
                + "2\t3\r\n"      // line 4: duplicate of line 2
                + "2\t99\r\n"     // line 5: unknown friend
                + "4\t4\r\n"      // line 6: self
                + "x\t2\r\n"      // line 7: not a number
                + "4\t2\r\n");    // line 8: loaded
        Files.writeString(dir.resolve("user_taggedartists.rejoined.dat"),
                "userID\tartistID\ttagID\tday\tmonth\tyear\r\n"
                        + "2\t1\t13\t1\t4\t2009\r\n"   // line 2: loaded
                        + "2\t2\t13\t1\t5\t2009\r\n"   // line 3: loaded (an artist the user does not play)
                        + "3\t7\t13\t1\t4\t2009\r\n"   // line 4: unknown artist
                        + "2\t1\t13\t1\t4\t2010\r\n"   // line 5: same (user, artist, tag) as line 2
                        + "3\t1\t5\t1\t13\t2009\r\n"   // line 6: month 13
                        + "3\t1\t5\t31\t2\t2009\r\n"   // line 7: no such date
                        + "3\t1\t5\t1\t2\t2009\r\n");  // line 8: loaded
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(db.dataSource(),
                    ImportFormat.HETREC_LASTFM, dir, ImportProgress.NONE);

            WorkloadImport.FileReport friends = report.file("user_friends.dat").orElseThrow();
            assertThat(List.of(friends.read(), friends.loaded(), friends.quarantined())).containsExactly(7L, 3L, 4L);
            assertThat(LastfmImportTest.rows(db, "SELECT u.user_key || '>' || f.user_key FROM friendships s "
                    + "JOIN users u ON u.user_id = s.user_id JOIN users f ON f.user_id = s.friend_id ORDER BY 1"))
                    .containsExactly("2>3", "3>2", "4>2");
            assertThat(LastfmImportTest.rows(db, "SELECT line_no || '|' || coalesce(field, '-') || '|' || reason "
                    + "FROM quarantine WHERE source_file = 'user_friends.dat' ORDER BY line_no")).containsExactly(
                    "4|friendID|duplicate friendship 2 -> 3, first at line 2",
                    "5|friendID|unknown friendID '99'",
                    "6|friendID|a user cannot be their own friend",
                    "7|userID|not a whole number: 'x'");

            WorkloadImport.FileReport tags = report.file("user_taggedartists.rejoined.dat").orElseThrow();
            assertThat(List.of(tags.read(), tags.loaded(), tags.quarantined())).containsExactly(7L, 3L, 4L);
            assertThat(LastfmImportTest.rows(db, "SELECT u.user_key || '|' || a.artist_key || '|' || t.tag_id || '|' "
                    + "|| t.tagged_on FROM tag_assignments t JOIN users u USING (user_id) JOIN artists a "
                    + "USING (artist_id) ORDER BY 1")).containsExactly("2|1|13|2009-04-01", "2|2|13|2009-05-01",
                    "3|1|5|2009-02-01");
            assertThat(LastfmImportTest.rows(db, "SELECT line_no || '|' || coalesce(field, '-') || '|' || reason "
                    + "FROM quarantine WHERE source_file = 'user_taggedartists.rejoined.dat' ORDER BY line_no"))
                    .containsExactly(
                            "4|artistID|unknown artistID '7'",
                            "5|tagID|duplicate tag 13 of artist 1 by user 2, first at line 2",
                            "6|month|month must be between 1 and 12: '13'",
                            "7|day|no such date 2009-2-31");

            // A second import of the same files loads nothing twice.
            WorkloadImport.ImportReport again = WorkloadImport.importPath(db.dataSource(),
                    ImportFormat.HETREC_LASTFM, dir, ImportProgress.NONE);
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM friendships")).containsExactly("3");
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM tag_assignments")).containsExactly("3");
        }
    }
}
