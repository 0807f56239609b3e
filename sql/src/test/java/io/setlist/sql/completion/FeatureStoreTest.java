package io.setlist.sql.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online feature store serves, bit for bit, the rows the daily replay built: for plays of the latest days, for
 * plays imported after the store was built (brought forward by the events loaded since), and again from a new store
 * built from PostgreSQL (a restart). The window path ({@link FeatureSnapshot}) gives the same rows.
 */
class FeatureStoreTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final int DAYS = 14;
    private static final int FIRST_IMPORT_DAYS = 10;
    private static final int HISTORY_DAYS = 7;

    @TempDir
    static Path dir;
    private static Database db;
    private static FeatureStore store;
    private static ReplayedPlays beforeImport;

    @BeforeAll
    static void load() throws IOException {
        Path all = dir.resolve("all");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(150, DAYS, 5, FIRST_DAY), all);
        // The first import stops at the end of day 10; days 11-14 come as a second file once the store is built.
        String cut = FIRST_DAY.plusDays(FIRST_IMPORT_DAYS).toString();
        List<String> lines = Files.readAllLines(all.resolve("events.csv"));
        List<String> early = new ArrayList<>(List.of(lines.get(0)));
        List<String> later = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            (line.split(",")[1].compareTo(cut) < 0 ? early : later).add(line);
        }
        Files.write(all.resolve("events.csv"), early);
        Files.write(dir.resolve("events-later.csv"), later);
        assertThat(later).hasSizeGreaterThan(1000);
        db = TestWarehouse.freshDatabase();
        WorkloadImport.importDirectory(db.dataSource(), all);
        store = new FeatureStore(db.dataSource(), HISTORY_DAYS, DAYS);
        beforeImport = new ReplayedPlays().add(db.dataSource(), FIRST_DAY.plusDays(FIRST_IMPORT_DAYS - 1), HISTORY_DAYS);
        assertEqual(beforeImport, store.features(beforeImport.plays));
        assertThat(store.servedFromMemory()).isEqualTo(beforeImport.plays.size());
        int held = store.events();
        WorkloadImport.importFile(db.dataSource(), dir.resolve("events-later.csv"));
        assertThat(store.events()).as("events held once the later file is imported").isGreaterThan(held);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void servedRowsEqualTheDailyReplaysRowsAfterAFreshImport() {
        ReplayedPlays expected = new ReplayedPlays()
                .add(db.dataSource(), FIRST_DAY.plusDays(DAYS - 1), HISTORY_DAYS)
                .add(db.dataSource(), FIRST_DAY.plusDays(FIRST_IMPORT_DAYS), HISTORY_DAYS);
        // well past TimelineFeatures.PARALLEL_FROM: the groups are replayed in parallel, and must not change a bit
        assertThat(expected.plays).hasSizeGreaterThan(300);
        long before = store.servedFromMemory();
        assertEqual(expected, store.features(expected.plays));
        assertThat(store.servedFromMemory() - before).isEqualTo(expected.plays.size());
    }

    @Test
    void aStoreBuiltAfresh_asAfterARestart_servesTheSameRows() {
        ReplayedPlays expected = new ReplayedPlays()
                .add(db.dataSource(), FIRST_DAY.plusDays(DAYS - 1), HISTORY_DAYS)
                .add(db.dataSource(), FIRST_DAY.plusDays(DAYS - 2), HISTORY_DAYS);
        FeatureStore restarted = new FeatureStore(db.dataSource(), HISTORY_DAYS, 1);
        assertEqual(expected, restarted.features(expected.plays));
        assertThat(restarted.servedFromMemory()).isEqualTo(expected.plays.size());
        assertThat(restarted.events()).isLessThan(store.events()); // it holds one day less before the window
    }

    @Test
    void theWindowPathServesTheSameRows() {
        ReplayedPlays expected = new ReplayedPlays().add(db.dataSource(), FIRST_DAY.plusDays(DAYS - 2), HISTORY_DAYS);
        assertEqual(expected, new FeatureSnapshot(db.dataSource(), HISTORY_DAYS).features(expected.plays));
        assertEqual(expected, store.features(expected.plays));
    }

    @Test
    void playsOlderThanTheStoreHoldsAreStillServedExactly() {
        ReplayedPlays expected = new ReplayedPlays().add(db.dataSource(), FIRST_DAY.plusDays(DAYS - 4), HISTORY_DAYS);
        FeatureStore shortStore = new FeatureStore(db.dataSource(), HISTORY_DAYS, 0);
        assertEqual(expected, shortStore.features(expected.plays)); // outside its window: computed by FeatureSnapshot
        assertThat(shortStore.servedFromMemory()).isZero();
    }

    private static void assertEqual(ReplayedPlays expected, double[] served) {
        int d = PlayFeatures.NAMES.length;
        assertThat(served).hasSize(expected.plays.size() * d);
        for (int i = 0; i < expected.plays.size(); i++) {
            for (int c = 0; c < d; c++) {
                assertThat(served[i * d + c]).as("%s feature %s", expected.names.get(i), PlayFeatures.NAMES[c])
                        .isEqualTo(expected.rows.get(i)[c]);
            }
        }
    }
}
