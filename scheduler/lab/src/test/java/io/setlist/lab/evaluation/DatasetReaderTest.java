package io.setlist.lab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    @Test
    void hetrecWithHeaderCrlfAndBadRows() throws IOException {
        write("user_artists.dat", "userID\tartistID\tweight\r\n2\t51\t100\r\n2\t52\t7\r\n3\t51\t1\r\n3\t52\tx\r\n4\t9\r\n5\t51\t0\r\n");
        Interactions d = DatasetReader.read("hetrec-lastfm", dir);
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.users()).hasSize(2);
        assertThat(d.rowPlays()).containsExactly(100, 7, 1);
        // the importer's reasons, word for word: both read the file through its rules
        assertThat(d.rejected()).extracting(Interactions.Rejected::toString).containsExactly(
                "user_artists.dat:5: weight: not a whole number: 'x'",
                "user_artists.dat:6: row: expected 3 fields, found 2",
                "user_artists.dat:7: weight: weight must be between 1 and 2147483647: '0'");
    }

    @Test
    void hetrecPlaysOfArtistsNotInArtistsDatAndRepeatedPairsAreRejectedAsOnImport() throws IOException {
        write("artists.dat", "id\tname\turl\tpictureURL\r\n51\tBand\thttp://a\thttp://p\r\n");
        write("user_artists.dat", "userID\tartistID\tweight\r\n2\t51\t100\r\n2\t52\t7\r\n2\t51\t3\r\n");
        Interactions d = DatasetReader.read("hetrec-lastfm", dir);
        assertThat(d.rowPlays()).containsExactly(100);
        assertThat(d.rejected()).extracting(Interactions.Rejected::toString).containsExactly(
                "user_artists.dat:3: artist_id: unknown artist_id '52'",
                "user_artists.dat:4: user_id,artist_id: duplicate user_id '2', artist_id '51', first at line 2");
    }

    @Test
    void lastfm360kUsesMbidOrNameAndReadsProfiles() throws IOException {
        String user1 = "a".repeat(40);
        String user2 = "b".repeat(40);
        String mbid = "0383dadf-2a4e-4d10-a46a-e9e041da8eb3";
        write("usersha1-artmbid-artname-plays.tsv", user1 + "\t" + mbid + "\tBand\t10\n" + user1 + "\t\tSolo Act\t3\n"
                + user2 + "\t\tsolo act\t4\n" + user2 + "\t" + mbid + "\tBand\t2\n");
        write("usersha1-profile.tsv", user1 + "\tf\t22\tPoland\tFeb 1, 2007\n" + user2 + "\tm\t\tGermany\tJan 1, 2008\n");
        Interactions d = DatasetReader.read("lastfm-360k", dir);
        assertThat(d.rows()).isEqualTo(4);
        // as imported: an artist without MBID is keyed by its name as written, so these are two artists
        assertThat(d.artists()).isEqualTo(3);
        int u1 = d.rowUser()[0];
        assertThat(d.profileOf(u1).country()).isEqualTo("Poland");
        assertThat(d.profileOf(u1).ageBand()).isEqualTo("18-24");
        assertThat(d.profileOf(d.rowUser()[2]).age()).isEqualTo(-1);
    }

    @Test
    void pozytywkaCountsPlaysPerArtistThroughTracks() throws IOException {
        write("tracks.jsonl", "{\"id\": \"t1\", \"name\": \"A \\\"quoted\\\" song\", \"duration_ms\": 1000, \"id_artist\": \"a1\"}\n"
                + "{\"id\": \"t2\", \"name\": \"B\", \"duration_ms\": 1000, \"id_artist\": \"a1\"}\n"
                + "{\"id\": \"t3\", \"name\": \"C\", \"duration_ms\": 1000, \"id_artist\": \"a2\"}\n");
        String at = "\"timestamp\": \"2023-01-03T05:14:02.707000\", \"session_id\": 7, ";
        write("sessions.jsonl", "{" + at + "\"user_id\": 101, \"track_id\": \"t1\", \"event_type\": \"PLAY\"}\n"
                + "{" + at + "\"user_id\": 101, \"track_id\": \"t2\", \"event_type\": \"PLAY\"}\n"
                + "{" + at + "\"user_id\": 101, \"track_id\": \"t3\", \"event_type\": \"SKIP\"}\n"
                + "{" + at + "\"user_id\": 102, \"track_id\": \"t3\", \"event_type\": \"PLAY\"}\n"
                + "{" + at + "\"user_id\": 102, \"track_id\": \"zz\", \"event_type\": \"PLAY\"}\n");
        write("users.jsonl", "{\"user_id\": 101, \"city\": \"Kraków\"}\n");
        Interactions d = DatasetReader.read("pozytywka", dir);
        assertThat(d.rows()).isEqualTo(2); // (101, a1) twice summed, (102, a2)
        assertThat(d.rowPlays()).containsExactly(2, 1);
        assertThat(d.profileOf(d.rowUser()[0]).country()).isEqualTo("Kraków");
        assertThat(d.rejected()).extracting(Interactions.Rejected::toString)
                .containsExactly("sessions.jsonl:5: track_id: unknown track_id 'zz'");
    }

    @Test
    void missingFilesAndUnknownSourcesAreNamed() {
        assertThatThrownBy(() -> DatasetReader.read("hetrec-lastfm", dir)).hasMessageContaining("user_artists.dat");
        assertThatThrownBy(() -> DatasetReader.read("movielens", dir)).hasMessageContaining("unknown source 'movielens'");
        assertThatThrownBy(() -> DatasetReader.read("hetrec-lastfm", dir.resolve("nope")))
                .hasMessageContaining("data directory not found");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
