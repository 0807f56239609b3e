package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/**
 * Keys and names over the documented limits are quarantined with their field and reason in every format, and a key
 * or name of exactly the limit (counted in UTF-8 bytes, not chars) loads: the real PostgreSQL behind the importer.
 */
class KeyAndNameLimitTest {
    private static final int KEY = FieldValues.MAX_KEY_BYTES;
    private static final int NAME = FieldValues.MAX_NAME_BYTES;

    @TempDir
    Path dir;

    @Test
    void setlistFilesQuarantineOverLongKeysAndNamesAndLoadTheLongestAllowed() throws Exception {
        String keyAtLimit = "ü".repeat(KEY / 2);              // 2 bytes a char: exactly the limit
        String keyOverByOne = "k".repeat(KEY - 1) + "ü";        // KEY chars, KEY + 1 bytes
        String nameAtLimit = "\uD83C\uDFB8".repeat(NAME / 4);  // a 4-byte emoji: exactly the limit in half the chars
        write("users.csv", "user_id,gender,age,country,install_date,premium\n"
                + keyAtLimit + ",m,30,SE,,\n"
                + keyOverByOne + ",m,30,SE,,\n"
                + "u3,f,30," + "C".repeat(KEY + 1) + ",,\n"
                + "u4,,,,,\n");
        write("artists.csv", "artist_id,name\n"
                + "a1," + nameAtLimit + "\n"
                + "a2," + nameAtLimit + "x\n"
                + "a3," + "n".repeat(70_000) + "\n"
                + "k".repeat(KEY + 1) + ",Short\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            WorkloadImport.ImportReport report = WorkloadImport.importDirectory(db.dataSource(), dir);

            assertThat(report.file("users.csv").orElseThrow().loaded()).isEqualTo(2);
            assertThat(report.file("artists.csv").orElseThrow().loaded()).isEqualTo(1);
            assertThat(query(db, "SELECT octet_length(user_key) FROM users ORDER BY user_id"))
                    .containsExactly(Integer.toString(KEY), "2");
            assertThat(query(db, "SELECT octet_length(name) FROM artists")).containsExactly(Integer.toString(NAME));
            List<QuarantineLog.Row> rejected = new QuarantineLog(db.dataSource()).list(null, 100);
            assertThat(rejected).extracting(r -> r.sourceFile() + ":" + r.lineNo() + ":" + r.field()).containsExactly(
                    "users.csv:3:user_id", "users.csv:4:country",
                    "artists.csv:3:name", "artists.csv:4:name", "artists.csv:5:artist_id");
            assertThat(rejected.get(0).reason()).startsWith("user_id is " + (KEY + 1)
                    + " bytes of UTF-8, longer than the limit of " + KEY + ": 'kkk");
            assertThat(rejected.get(3).reason()).startsWith("name is 70000 bytes of UTF-8, longer than the limit of "
                    + NAME);
        }
    }

    @Test
    void externalFormatsQuarantineOverLongKeysAndNamesToo() throws Exception {
        String sha1 = "0123456789abcdef0123456789abcdef01234567";
        // Last.fm: an artist without an mbid is keyed by "name:" + its name, so the key limit applies to the name.
        Path lastfm = write("usersha1-artmbid-artname-plays.tsv",
                sha1 + "\t\t" + "a".repeat(KEY - 5) + "\t3\n"
                        + sha1 + "\t\t" + "b".repeat(KEY - 4) + "\t3\n");
        Path pozytywka = write("artists.jsonl",
                "{\"id\":\"" + "i".repeat(KEY + 1) + "\",\"name\":\"X\",\"genres\":[]}\n"
                        + "{\"id\":\"ok\",\"name\":\"" + "N".repeat(NAME + 1) + "\",\"genres\":[]}\n"
                        + "{\"id\":\"fine\",\"name\":\"Fine\",\"genres\":[]}\n");
        Path events = write("events.csv", "user_id,ts,event_name\n"
                + "u1,2026-10-01T10:00:00.000Z," + "E".repeat(KEY + 1) + "\n"
                + "u1,2026-10-01T10:00:00.000Z,OPEN\n");
        try (Database db = TestWarehouse.freshDatabase()) {
            assertThat(WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K, lastfm,
                    ImportProgress.NONE).loaded()).isEqualTo(1);
            assertThat(WorkloadImport.importPath(db.dataSource(), ImportFormat.POZYTYWKA, pozytywka,
                    ImportProgress.NONE).loaded()).isEqualTo(1);
            assertThat(WorkloadImport.importPath(db.dataSource(), ImportFormat.EVENTS, events,
                    ImportProgress.NONE).loaded()).isEqualTo(1);

            assertThat(new QuarantineLog(db.dataSource()).list(null, 100))
                    .extracting(r -> r.sourceFile() + ":" + r.lineNo() + ":" + r.field()).containsExactly(
                            "usersha1-artmbid-artname-plays.tsv:2:artist_key",
                            "artists.jsonl:1:id", "artists.jsonl:2:name",
                            "events.csv:2:event_name");
            assertThat(query(db, "SELECT octet_length(artist_key) FROM artists WHERE artist_key LIKE 'name:%'"))
                    .containsExactly(Integer.toString(KEY));
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
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
