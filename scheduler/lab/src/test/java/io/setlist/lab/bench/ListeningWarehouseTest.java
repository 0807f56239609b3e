package io.setlist.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.completion.FeatureSnapshot;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.events.EventCalendar;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated listening warehouse: about the events asked for, every event a PLAY or SKIP with a track and a
 * session, the same rows for the same seed (and others for another), found again by its settings, and served by the
 * feature store from memory with the rows the daily replay computes, bit for bit.
 */
class ListeningWarehouseTest {
    private static final int HISTORY_DAYS = 30;
    private static final ListeningWarehouse.Settings SETTINGS =
            new ListeningWarehouse.Settings(40_000, 7, 60, LocalDate.parse("2026-05-01"), 15_000);
    private static Database db;
    private static ListeningWarehouse.Summary summary;
    private static int afterSampleRuns;
    private static long eventsAtSample;

    @BeforeAll
    static void generate() {
        db = TestWarehouse.freshDatabase();
        summary = ListeningWarehouse.generate(db.dataSource(), SETTINGS, line -> { }, () -> {
            afterSampleRuns++;
            eventsAtSample = scalar(db.dataSource(), "SELECT count(*) FROM events");
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aboutTheEventsAskedForWithTheirCatalogue() {
        long events = scalar(db.dataSource(), "SELECT count(*) FROM events");
        assertThat(events).isEqualTo(summary.events()).isBetween(39_000L, 41_000L);
        assertThat(afterSampleRuns).isEqualTo(1);
        assertThat(eventsAtSample).isEqualTo(summary.sampleEvents()).isBetween(13_000L, 17_000L);
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM users")).isEqualTo(SETTINGS.users());
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM tracks")).isEqualTo(SETTINGS.tracks());
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM users WHERE premium")).isPositive()
                .isLessThan(SETTINGS.users());
        assertThat(scalar(db.dataSource(), "SELECT count(DISTINCT (ts AT TIME ZONE 'UTC')::date) FROM events"))
                .isGreaterThanOrEqualTo(55);
        // The indexes dropped for the load are back, valid, on every partition (the store reads by event id).
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM pg_indexes WHERE tablename = 'events'")).isEqualTo(3);
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'events_p%'"))
                .isEqualTo(3 * scalar(db.dataSource(), "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'events_p%'"));
    }

    @Test
    void everyEventIsAPlayOrSkipWithATrackAndASessionOfOneUser() {
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM events WHERE track_id IS NULL OR session_id IS NULL"
                + " OR event_name NOT IN ('PLAY', 'SKIP')")).isZero();
        long plays = scalar(db.dataSource(), "SELECT count(*) FROM events WHERE event_name = 'PLAY'");
        long skips = scalar(db.dataSource(), "SELECT count(*) FROM events WHERE event_name = 'SKIP'");
        assertThat(skips).isBetween(plays / 10, plays / 2);
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM events e LEFT JOIN tracks t USING (track_id) "
                + "LEFT JOIN users u USING (user_id) WHERE t.track_id IS NULL OR u.user_id IS NULL")).isZero();
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM (SELECT session_id FROM events GROUP BY session_id "
                + "HAVING count(DISTINCT user_id) > 1) s")).isZero();
        // Skew: the 5% most played tracks take far more than 5% of the plays.
        assertThat(scalar(db.dataSource(), "SELECT sum(n) FROM (SELECT count(*) AS n FROM events WHERE event_name = "
                + "'PLAY' GROUP BY track_id ORDER BY n DESC LIMIT " + SETTINGS.tracks() / 20 + ") top"))
                .isGreaterThan(plays / 5);
        // A user's sessions never overlap, and the next starts more than 30 minutes after the last ended.
        assertThat(scalar(db.dataSource(), "SELECT count(*) FROM (SELECT user_id, min(ts) AS first, max(ts) AS last, "
                + "lead(min(ts)) OVER (PARTITION BY user_id ORDER BY min(ts)) AS next FROM events "
                + "GROUP BY user_id, session_id) s WHERE next < last + interval '30 minutes'")).isZero();
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        String same;
        String other;
        try (Database again = TestWarehouse.freshDatabase(); Database reseeded = TestWarehouse.freshDatabase()) {
            ListeningWarehouse.generate(again.dataSource(), SETTINGS, line -> { }, () -> { });
            ListeningWarehouse.generate(reseeded.dataSource(), new ListeningWarehouse.Settings(SETTINGS.events(),
                    8, SETTINGS.days(), SETTINGS.firstDay(), SETTINGS.sampleEvents()), line -> { }, () -> { });
            same = digest(again.dataSource());
            other = digest(reseeded.dataSource());
        }
        assertThat(same).isEqualTo(digest(db.dataSource()));
        assertThat(other).isNotEqualTo(same);
    }

    @Test
    void aFinishedWarehouseIsFoundByItsSettingsOnly() {
        assertThat(ListeningWarehouse.existing(db.dataSource(), SETTINGS)).contains(summary);
        assertThat(ListeningWarehouse.existing(db.dataSource(), new ListeningWarehouse.Settings(SETTINGS.events(), 8,
                SETTINGS.days(), SETTINGS.firstDay(), SETTINGS.sampleEvents()))).isEmpty();
    }

    @Test
    void theStoreServesTheseplaysFromMemoryAsTheDailyReplayComputesThem() {
        DataSource ds = db.dataSource();
        LocalDate last = new EventCalendar(ds).lastEventDay().orElseThrow();
        long end = last.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(); // the last whole day of sessions
        ListeningData data = new WarehouseListening(ds).read(Instant.ofEpochMilli(end - HISTORY_DAYS * 86_400_000L),
                Instant.ofEpochMilli(end));
        FeatureTable day = data.features().between(end - 86_400_000L, end);
        List<FeatureSnapshot.Play> plays = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        // A PLAY sharing its instant with another is left out: the later of the two saw the earlier, a probe sees
        // neither (as FeatureStoreTest's ReplayedPlays does).
        it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap atMs = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
        for (int r = 0; r < day.rows(); r++) {
            atMs.addTo(day.ts()[r], 1);
        }
        for (int r = 0; r < day.rows(); r += 3) {
            if (atMs.get(day.ts()[r]) > 1) {
                continue;
            }
            plays.add(new FeatureSnapshot.Play(day.user()[r], day.track()[r], day.ts()[r]));
            rows.add(r);
        }
        assertThat(plays).hasSizeGreaterThan(30);
        FeatureStore store = new FeatureStore(ds, HISTORY_DAYS, 7);
        double[] served = store.features(plays);
        assertThat(store.servedFromMemory()).isEqualTo(plays.size());
        double[] window = new FeatureSnapshot(ds, HISTORY_DAYS).features(plays);
        int d = day.columns();
        for (int i = 0; i < plays.size(); i++) {
            for (int c = 0; c < d; c++) {
                double replayed = day.x()[rows.get(i) * d + c];
                assertThat(Double.doubleToRawLongBits(served[i * d + c])).as("play %d feature %d", i, c)
                        .isEqualTo(Double.doubleToRawLongBits(replayed));
                assertThat(Double.doubleToRawLongBits(window[i * d + c])).as("window play %d feature %d", i, c)
                        .isEqualTo(Double.doubleToRawLongBits(replayed));
            }
        }
    }

    private static String digest(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT md5(string_agg(concat_ws(',', user_id, ts, event_name, track_id, session_id), ';' "
                        + "ORDER BY ts, session_id, event_name)) FROM events")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long scalar(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
