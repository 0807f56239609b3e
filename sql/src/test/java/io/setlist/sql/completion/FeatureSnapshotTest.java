package io.setlist.sql.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.workload.SyntheticWorkload;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No train/serve skew: the serving features of a play (computed from the warehouse for its user, track and time)
 * equal, bit for bit, the row the daily replay built for it, on the same window. Two days in one batch, with a
 * short history so that the window start matters.
 */
class FeatureSnapshotTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final int DAYS = 14;
    private static final int HISTORY_DAYS = 7;
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    static Path dir;
    private static Database db;

    @BeforeAll
    static void load() {
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(150, DAYS, 5, FIRST_DAY), dir);
        db = TestWarehouse.freshDatabase();
        WorkloadImport.importDirectory(db.dataSource(), dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void servingFeaturesEqualTheDailyReplaysFeatures() {
        FeatureSnapshot snapshot = new FeatureSnapshot(db.dataSource(), HISTORY_DAYS);
        ReplayedPlays expected = new ReplayedPlays();
        for (LocalDate day : List.of(FIRST_DAY.plusDays(DAYS - 1), FIRST_DAY.plusDays(DAYS - 5))) {
            long end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            long from = end - HISTORY_DAYS * DAY_MS;
            assertThat(snapshot.windowStart(end - DAY_MS)).isEqualTo(from);
            assertThat(snapshot.windowStart(end - 1)).isEqualTo(from);
            expected.add(db.dataSource(), day, HISTORY_DAYS);
        }
        assertThat(expected.plays).hasSizeGreaterThan(300);
        assertThat(expected.skippedTies).isLessThan(expected.plays.size() / 100 + 1);

        double[] served = snapshot.features(expected.plays);
        int d = PlayFeatures.NAMES.length;
        for (int i = 0; i < expected.plays.size(); i++) {
            for (int c = 0; c < d; c++) {
                assertThat(served[i * d + c]).as("%s feature %s", expected.names.get(i), PlayFeatures.NAMES[c])
                        .isEqualTo(expected.rows.get(i)[c]);
            }
        }
    }
}
