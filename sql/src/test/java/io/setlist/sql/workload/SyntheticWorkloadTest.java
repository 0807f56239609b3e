package io.setlist.sql.workload;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticWorkloadTest {
    private static final List<String> FILES = List.of("users.csv", "artists.csv", "tracks.csv", "plays.csv", "events.csv");
    private static final SyntheticWorkload.Settings FULL = new SyntheticWorkload.Settings(3_000);

    @TempDir
    static Path dir;
    private static SyntheticWorkload.Summary summary;

    @BeforeAll
    static void generate() {
        summary = SyntheticWorkload.generate(FULL, dir.resolve("full"));
    }

    @Test
    void sameSettingsGiveByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        var settings = new SyntheticWorkload.Settings(200, 7, 7L, LocalDate.of(2026, 10, 1));
        SyntheticWorkload.generate(settings, dir.resolve("a"));
        SyntheticWorkload.generate(settings, dir.resolve("b"));
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(200, 7, 8L, LocalDate.of(2026, 10, 1)),
                dir.resolve("c"));

        for (String file : FILES) {
            assertThat(sha256(dir.resolve("a").resolve(file))).as(file)
                    .isEqualTo(sha256(dir.resolve("b").resolve(file)));
        }
        assertThat(sha256(dir.resolve("a/events.csv"))).isNotEqualTo(sha256(dir.resolve("c/events.csv")));
        assertThat(Files.readString(dir.resolve("a/README.txt")))
                .contains("Synthetic", "users=200", "days=7", "seed=7", "firstDay=2026-10-01");
    }

    @Test
    void filesHaveTheirHeadersAndTheSummarisedRowCounts() throws IOException {
        assertThat(lines("users.csv").get(0)).isEqualTo("user_id,gender,age,country,install_date,premium");
        assertThat(lines("artists.csv").get(0)).isEqualTo("artist_id,name");
        assertThat(lines("tracks.csv").get(0))
                .isEqualTo("track_id,artist_id,title,duration_ms,size_bytes,storage_class");
        assertThat(lines("plays.csv").get(0)).isEqualTo("user_id,artist_id,plays");
        assertThat(lines("events.csv").get(0)).isEqualTo("user_id,ts,event_name,track_id,session_id");

        assertThat(summary.users()).isEqualTo(3_000).isEqualTo(lines("users.csv").size() - 1);
        assertThat(summary.artists()).isEqualTo(750).isEqualTo(lines("artists.csv").size() - 1);
        assertThat(summary.tracks()).isEqualTo(lines("tracks.csv").size() - 1).isBetween(3L * 750, 12L * 750);
        assertThat(summary.plays()).isEqualTo(lines("plays.csv").size() - 1);
        assertThat(summary.events()).isEqualTo(lines("events.csv").size() - 1).isBetween(300_000L, 1_500_000L);
    }

    @Test
    void everyReferenceResolvesAndNoPlaysPairRepeats() throws IOException {
        Set<String> users = firstColumn("users.csv");
        Set<String> artists = firstColumn("artists.csv");
        Set<String> tracks = firstColumn("tracks.csv");
        List<String> broken = new ArrayList<>();
        for (String line : data("tracks.csv")) {
            if (!artists.contains(line.split(",", 3)[1])) {
                broken.add(line);
            }
        }
        Set<String> pairs = new HashSet<>();
        for (String line : data("plays.csv")) {
            String[] f = line.split(",");
            if (!users.contains(f[0]) || !artists.contains(f[1]) || Integer.parseInt(f[2]) < 1
                    || !pairs.add(f[0] + "," + f[1])) {
                broken.add(line);
            }
        }
        long events = 0;
        try (BufferedReader reader = reader("events.csv")) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",", -1);
                events++;
                if (f.length != 5 || !users.contains(f[0]) || !(f[3].isEmpty() || tracks.contains(f[3]))) {
                    broken.add(line);
                }
            }
        }
        assertThat(events).isEqualTo(summary.events());
        assertThat(broken).isEmpty();
    }

    @Test
    void aboutThreePercentOfUsersHaveNoPlays() throws IOException {
        Set<String> withPlays = new HashSet<>();
        for (String line : data("plays.csv")) {
            withPlays.add(line.substring(0, line.indexOf(',')));
        }
        double share = 1.0 - withPlays.size() / 3_000.0;
        assertThat(share).isBetween(0.015, 0.045);
    }

    @Test
    void profilesHaveGapsAndInstallsBothBeforeAndInsideTheWindow() throws IOException {
        List<String[]> users = data("users.csv").stream().map(l -> l.split(",", -1)).toList();
        assertThat(users.stream().filter(u -> u[1].isEmpty()).count() / 3_000.0).isCloseTo(0.08, within(0.03));
        assertThat(users.stream().filter(u -> u[2].isEmpty()).count() / 3_000.0).isCloseTo(0.05, within(0.02));
        assertThat(users.stream().filter(u -> u[3].isEmpty()).count() / 3_000.0).isCloseTo(0.03, within(0.015));
        long before = users.stream().filter(u -> LocalDate.parse(u[4]).isBefore(FULL.firstDay())).count();
        assertThat(before / 3_000.0).isCloseTo(0.40, within(0.04));
        assertThat(users.stream().filter(u -> !u[2].isEmpty()).mapToInt(u -> Integer.parseInt(u[2])))
                .allMatch(age -> age >= 13 && age <= 80);
    }

    @Test
    void firstInstallComesOnceOnTheInstallDateOfUsersWhoInstallInTheWindow() throws IOException {
        Map<String, LocalDate> installed = new HashMap<>();
        for (String line : data("users.csv")) {
            String[] f = line.split(",", -1);
            installed.put(f[0], LocalDate.parse(f[4]));
        }
        Map<String, LocalDate> firstInstalls = new HashMap<>();
        try (BufferedReader events = reader("events.csv")) {
            events.readLine();
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                String[] f = line.split(",", -1);
                if (f[2].equals("FIRST_INSTALL")) {
                    assertThat(f[3]).isEmpty();
                    assertThat(f[4]).isEmpty();
                    LocalDate on = Instant.parse(f[1]).atOffset(ZoneOffset.UTC).toLocalDate();
                    assertThat(firstInstalls.put(f[0], on)).as("second FIRST_INSTALL of " + f[0]).isNull();
                }
            }
        }
        Map<String, LocalDate> expected = new HashMap<>();
        installed.forEach((user, date) -> {
            if (!date.isBefore(FULL.firstDay())) {
                expected.put(user, date);
            }
        });
        assertThat(expected).hasSizeGreaterThan(1_000);
        assertThat(firstInstalls).isEqualTo(expected);
    }

    @Test
    void skipsFollowTheirPlayInsideTheTrackAndAboutAThirdOfPlaysAreSkipped() throws IOException {
        Map<String, Integer> duration = new HashMap<>();
        for (String line : data("tracks.csv")) {
            // Titles may hold commas; duration_ms is third from the end either way.
            String[] f = line.split(",");
            duration.put(f[0], Integer.parseInt(f[f.length - 3]));
        }
        long plays = 0;
        long skips = 0;
        List<String> broken = new ArrayList<>();
        String[] lastPlay = null;
        String previousUser = "";
        long previousTs = Long.MIN_VALUE;
        try (BufferedReader events = reader("events.csv")) {
            events.readLine();
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                String[] f = line.split(",", -1);
                long ts = Instant.parse(f[1]).toEpochMilli();
                boolean ordered = f[0].equals(previousUser) ? ts >= previousTs : f[0].compareTo(previousUser) > 0;
                if (!ordered) {
                    broken.add("out of order: " + line);
                }
                previousUser = f[0];
                previousTs = ts;
                if (f[2].equals("PLAY")) {
                    plays++;
                    lastPlay = f;
                    continue;
                }
                if (f[2].equals("SKIP")) {
                    skips++;
                    long into = lastPlay == null ? -1 : ts - Instant.parse(lastPlay[1]).toEpochMilli();
                    if (lastPlay == null || !f[3].equals(lastPlay[3]) || !f[4].equals(lastPlay[4])
                            || into <= 0 || into >= duration.get(f[3])) {
                        broken.add("skip not inside its play: " + line);
                    }
                } else if (f[2].equals("OPEN") && f[4].isEmpty()) {
                    broken.add("OPEN without a session: " + line);
                }
                lastPlay = null;
            }
        }
        assertThat(broken).isEmpty();
        assertThat(skips).isPositive();
        assertThat((double) skips / plays).isBetween(0.25, 0.45);
    }

    @Test
    void quotesNamesThatNeedItAndKeepsAccents() throws IOException {
        String artists = Files.readString(dir.resolve("full/artists.csv"), StandardCharsets.UTF_8);
        assertThat(artists).contains("\"\"").containsPattern("\"[^\"\n]*, [^\"\n]*\"").containsPattern("[éøüñ]");
        assertThat(artists).doesNotContain("\r");
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new SyntheticWorkload.Settings(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticWorkload.Settings(10, 0, 1, LocalDate.of(2026, 10, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void installCohortsChurnSoRetentionIsNeitherZeroNorTotal() throws IOException {
        java.util.Map<String, String> installDay = new java.util.HashMap<>();
        java.util.Set<String> returned = new java.util.HashSet<>();
        for (String line : lines("events.csv").subList(1, lines("events.csv").size())) {
            String[] f = line.split(",", -1);
            String day = f[1].substring(0, 10);
            if (f[2].equals("FIRST_INSTALL")) {
                installDay.put(f[0], day);
            } else if (installDay.containsKey(f[0]) && day.compareTo(installDay.get(f[0])) > 0) {
                returned.add(f[0]);
            }
        }
        double share = (double) returned.size() / installDay.size();
        assertThat(installDay).hasSizeGreaterThan(1_000);
        assertThat(share).as("share of in-window installers seen again after their install day").isBetween(0.4, 0.8);
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(dir.resolve("full").resolve(file), StandardCharsets.UTF_8);
    }

    /** Data lines, header dropped: generated names and titles never hold a line break, so a line is a row. */
    private static List<String> data(String file) throws IOException {
        List<String> all = lines(file);
        return all.subList(1, all.size());
    }

    private static Set<String> firstColumn(String file) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : data(file)) {
            ids.add(line.substring(0, line.indexOf(',')));
        }
        return ids;
    }

    private static BufferedReader reader(String file) throws IOException {
        return Files.newBufferedReader(dir.resolve("full").resolve(file), StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
