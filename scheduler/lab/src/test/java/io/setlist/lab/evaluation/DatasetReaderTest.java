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
        assertThat(d.rejected()).extracting(Interactions.Rejected::toString).containsExactly(
                "user_artists.dat:5: weight: not an integer: 'x'",
                "user_artists.dat:6: row: expected 3 tab-separated fields, got 2",
                "user_artists.dat:7: weight: must be > 0, got 0");
    }

    @Test
    void lastfm360kUsesMbidOrNameAndReadsProfiles() throws IOException {
        write("usersha1-artmbid-artname-plays.tsv",
                "u1\tmb-1\tBand\t10\nu1\t\tSolo Act\t3\nu2\t\tsolo act\t4\nu2\tmb-1\tBand\t2\n");
        write("usersha1-profile.tsv", "u1\tf\t22\tPoland\tFeb 1, 2007\nu2\tm\t\tGermany\tJan 1, 2008\n");
        Interactions d = DatasetReader.read("lastfm-360k", dir);
        assertThat(d.rows()).isEqualTo(4);
        assertThat(d.artists()).isEqualTo(2); // "Solo Act" and "solo act" are one artist without MBID
        int u1 = d.rowUser()[0];
        assertThat(d.profileOf(u1).country()).isEqualTo("Poland");
        assertThat(d.profileOf(u1).ageBand()).isEqualTo("18-24");
        assertThat(d.profileOf(d.rowUser()[2]).age()).isEqualTo(-1);
    }

    @Test
    void pozytywkaCountsPlaysPerArtistThroughTracks() throws IOException {
        write("tracks.jsonl", "{\"id\": \"t1\", \"name\": \"A \\\"quoted\\\" song\", \"id_artist\": \"a1\"}\n"
                + "{\"id\": \"t2\", \"id_artist\": \"a1\"}\n{\"id\": \"t3\", \"id_artist\": \"a2\"}\n");
        write("sessions.jsonl", "{\"user_id\": 101, \"track_id\": \"t1\", \"event_type\": \"PLAY\"}\n"
                + "{\"user_id\": 101, \"track_id\": \"t2\", \"event_type\": \"PLAY\"}\n"
                + "{\"user_id\": 101, \"track_id\": \"t3\", \"event_type\": \"SKIP\"}\n"
                + "{\"user_id\": 102, \"track_id\": \"t3\", \"event_type\": \"PLAY\"}\n"
                + "{\"user_id\": 102, \"track_id\": \"zz\", \"event_type\": \"PLAY\"}\n");
        write("users.jsonl", "{\"user_id\": 101, \"city\": \"Kraków\"}\n");
        Interactions d = DatasetReader.read("pozytywka", dir);
        assertThat(d.rows()).isEqualTo(2); // (101, a1) twice summed, (102, a2)
        assertThat(d.rowPlays()).containsExactly(2, 1);
        assertThat(d.profileOf(d.rowUser()[0]).country()).isEqualTo("Kraków");
        assertThat(d.rejected()).extracting(Interactions.Rejected::toString)
                .containsExactly("sessions.jsonl:5: track_id: unknown track zz");
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
