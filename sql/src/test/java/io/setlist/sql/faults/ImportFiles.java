package io.setlist.sql.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a users.csv and a large events.csv of Setlist's own format for the import fault tests. */
final class ImportFiles {
    static final int USERS = 1_000;

    private ImportFiles() {
    }

    /** {@code events} events, each at its own second from 2026-10-01, over {@link #USERS} users. */
    static void write(Path dir, int events) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("users.csv"))) {
            out.write("user_id,gender,age,country,install_date,premium\n");
            for (int u = 0; u < USERS; u++) {
                out.write("user" + u + ",,,,,\n");
            }
        }
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("events.csv"))) {
            out.write("user_id,ts,event_name,track_id,session_id\n");
            for (int i = 0; i < events; i++) {
                out.write("user" + (i % USERS) + "," + start.plusSeconds(i).toString().replace("Z", ".000Z")
                        + ",OPEN,," + (i / 10) + "\n");
            }
        }
    }
}
