package io.setlist.sql.retention;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.retention.RetentionMatrix.CohortBy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention from SQL (raw events and rollups) against a brute-force count in Java over random event sets: users with
 * several installs, events exactly at midnight, a cohort nobody returns from.
 */
class RetentionBruteForceTest {
    private static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    private static final int DAYS = 50;

    @TempDir
    Path dir;

    record Event(String user, Instant ts, String name) {
    }

    @Test
    void sqlRetentionEqualsABruteForceCountOnRandomEvents() throws IOException {
        for (long seed : new long[]{1, 2, 3}) {
            List<Event> events = randomEvents(new Random(seed));
            // Seed 1 loads all events at once. Seeds 2 and 3 load them shuffled, in 4 files with a rollup refresh
            // after each: installs then arrive after their users' activity was rolled up, earlier installs move users
            // between cohorts, and days get events again after their cells were counted.
            int loads = seed == 1 ? 1 : 4;
            List<Event> shuffled = new ArrayList<>(events);
            java.util.Collections.shuffle(shuffled, new Random(seed));
            try (Database db = TestWarehouse.freshDatabase()) {
                for (int part = 0; part < loads; part++) {
                    Path file = dir.resolve("events-" + seed + "-" + part + ".csv");
                    write(file, shuffled.subList(part * shuffled.size() / loads, (part + 1) * shuffled.size() / loads));
                    WorkloadImport.importPath(db.dataSource(), ImportFormat.EVENTS, file, ImportProgress.NONE);
                    new Rollups(db.dataSource()).refresh();
                }
                BruteForce expected = new BruteForce(events);
                CohortRetention retention = new CohortRetention(db.dataSource());
                for (int d = 0; d < DAYS; d++) {
                    LocalDate install = FIRST.plusDays(d);
                    long[] want = expected.seedQuestion(install, 1, 7);
                    CohortRetention.Result raw = retention.compute(install, 1, 7);
                    CohortRetention.Result rolled = retention.computeFromRollups(install, 1, 7);
                    assertThat(new long[]{raw.cohortSize(), raw.retained()}).as("raw, seed %d, %s", seed, install)
                            .containsExactly(want);
                    assertThat(new long[]{rolled.cohortSize(), rolled.retained()}).as("rollups, %s", install)
                            .containsExactly(want);
                }
                RetentionMatrix matrix = new RetentionMatrix(db.dataSource());
                for (CohortBy by : CohortBy.values()) {
                    List<RetentionMatrix.Cohort> got = matrix.compute(FIRST.plusDays(3), FIRST.plusDays(DAYS - 5), by);
                    Map<LocalDate, long[][]> want = expected.matrix(FIRST.plusDays(3), FIRST.plusDays(DAYS - 5), by);
                    assertThat(got).extracting(RetentionMatrix.Cohort::start).containsExactlyElementsOf(want.keySet());
                    for (RetentionMatrix.Cohort c : got) {
                        long[][] w = want.get(c.start());
                        assertThat(c.size()).as("%s %s size", by, c.start()).isEqualTo(w[0][0]);
                        assertThat(c.exact()).as("%s %s exact", by, c.start()).containsExactly(w[1]);
                        assertThat(c.rolling()).as("%s %s rolling", by, c.start()).containsExactly(w[2]);
                    }
                }
            }
        }
    }

    @Test
    void theSeedsBetweenFormDropsEventsLateOnDaySevenWhichTheHalfOpenRangeCounts() throws IOException {
        LocalDate install = LocalDate.of(2025, 6, 10);
        Instant day7 = install.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Event> events = List.of(
                new Event("late", install.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600), "FIRST_INSTALL"),
                new Event("late", day7.plusSeconds(20 * 3600), "OPEN"),                  // 20:00 on day 7
                new Event("midnight", install.atStartOfDay(ZoneOffset.UTC).toInstant(), "FIRST_INSTALL"),
                new Event("midnight", day7, "OPEN"),                                     // exactly 00:00 of day 7
                new Event("early", install.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60), "FIRST_INSTALL"),
                new Event("early", install.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(), "PLAY"));
        try (Database db = TestWarehouse.freshDatabase()) {
            Path file = dir.resolve("events.csv");
            write(file, events);
            WorkloadImport.importPath(db.dataSource(), ImportFormat.EVENTS, file, ImportProgress.NONE);
            CohortRetention retention = new CohortRetention(db.dataSource());

            assertThat(retention.compute(install, 1, 7).retained()).isEqualTo(3);
            assertThat(retention.computeFromRollups(install, 1, 7).retained()).isZero(); // not refreshed yet
            new Rollups(db.dataSource()).refresh();
            assertThat(retention.computeFromRollups(install, 1, 7).retained()).isEqualTo(3);
            // The seed's BETWEEN keeps 00:00 of day 7 but loses 20:00 of it.
            assertThat(retention.seedBetweenRetained(install)).isEqualTo(2);
        }
    }

    private static List<Event> randomEvents(Random rng) {
        List<Event> events = new ArrayList<>();
        Instant start = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int u = 0; u < 150; u++) {
            String user = "u" + u;
            int installDay = rng.nextInt(DAYS);
            if (u % 25 == 0) {
                continue; // never installed, only active: in no cohort
            }
            events.add(new Event(user, at(start, installDay, rng), "FIRST_INSTALL"));
            if (u % 7 == 0) { // a second install, later: the first one decides the cohort
                events.add(new Event(user, at(start, Math.min(DAYS - 1, installDay + 1 + rng.nextInt(10)), rng),
                        "FIRST_INSTALL"));
            }
            // Users installing on day 20 never come back: a cohort with no returners.
            if (installDay == 20) {
                continue;
            }
            int active = rng.nextInt(12);
            for (int i = 0; i < active; i++) {
                int day = installDay + rng.nextInt(45);
                if (day >= DAYS) {
                    continue;
                }
                String name = new String[]{"OPEN", "PLAY", "SKIP"}[rng.nextInt(3)];
                events.add(new Event(user, at(start, day, rng), name));
            }
        }
        for (int u = 0; u < 150; u += 25) {
            events.add(new Event("u" + u, at(start, rng.nextInt(DAYS), rng), "OPEN"));
        }
        return events;
    }

    /** A time on that day; one in four exactly at midnight. */
    private static Instant at(Instant start, int day, Random rng) {
        Instant midnight = start.plus(day, ChronoUnit.DAYS);
        return rng.nextInt(4) == 0 ? midnight : midnight.plusMillis(rng.nextInt(86_400_000));
    }

    private static void write(Path file, List<Event> events) throws IOException {
        StringBuilder sb = new StringBuilder("user_id,ts,event_name\n");
        for (Event e : events) {
            sb.append(e.user()).append(',').append(e.ts()).append(',').append(e.name()).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** The definitions, counted directly over the event list. */
    private static final class BruteForce {
        private final Map<String, LocalDate> installDay = new HashMap<>();
        private final Map<String, TreeSet<LocalDate>> activeDays = new HashMap<>();

        BruteForce(List<Event> events) {
            Map<String, Instant> firstInstall = new HashMap<>();
            for (Event e : events) {
                if (e.name().equals("FIRST_INSTALL")) {
                    firstInstall.merge(e.user(), e.ts(), (a, b) -> a.isBefore(b) ? a : b);
                } else {
                    activeDays.computeIfAbsent(e.user(), k -> new TreeSet<>()).add(LocalDate.ofInstant(e.ts(), ZoneOffset.UTC));
                }
            }
            firstInstall.forEach((u, ts) -> installDay.put(u, LocalDate.ofInstant(ts, ZoneOffset.UTC)));
        }

        long[] seedQuestion(LocalDate install, int from, int to) {
            long size = 0;
            long retained = 0;
            for (Map.Entry<String, LocalDate> e : installDay.entrySet()) {
                if (!e.getValue().equals(install)) {
                    continue;
                }
                size++;
                TreeSet<LocalDate> days = activeDays.getOrDefault(e.getKey(), new TreeSet<>());
                LocalDate hit = days.ceiling(install.plusDays(from));
                if (hit != null && !hit.isAfter(install.plusDays(to))) {
                    retained++;
                }
            }
            return new long[]{size, retained};
        }

        /** cohort start → {{size}, exact[], rolling[]}. */
        Map<LocalDate, long[][]> matrix(LocalDate from, LocalDate to, CohortBy by) {
            int periods = by.periods();
            Map<LocalDate, long[][]> out = new TreeMap<>();
            for (Map.Entry<String, LocalDate> e : installDay.entrySet()) {
                LocalDate install = e.getValue();
                if (install.isBefore(from) || install.isAfter(to)) {
                    continue;
                }
                LocalDate start = by == CohortBy.DAY ? install
                        : install.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                long[][] row = out.computeIfAbsent(start, k -> new long[][]{{0}, new long[periods], new long[periods]});
                row[0][0]++;
                boolean[] exact = new boolean[periods + 1];
                int last = 0;
                for (LocalDate day : activeDays.getOrDefault(e.getKey(), new TreeSet<>())) {
                    long offset = ChronoUnit.DAYS.between(install, day);
                    if (offset < 1) {
                        continue;
                    }
                    int period = (int) (by == CohortBy.DAY ? offset : (offset + 6) / 7);
                    last = Math.max(last, period);
                    if (period <= periods) {
                        exact[period] = true;
                    }
                }
                for (int n = 1; n <= periods; n++) {
                    row[1][n - 1] += exact[n] ? 1 : 0;
                    row[2][n - 1] += last >= n ? 1 : 0;
                }
            }
            return out;
        }
    }
}
