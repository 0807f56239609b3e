package io.setlist.lab.bench;

import io.setlist.sql.SqlResource;
import io.setlist.sql.retention.CohortRetention;
import io.setlist.sql.retention.RetentionMatrix;
import io.setlist.sql.retention.Rollups;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Times the retention question on generated events: the seed-style query on the raw events against the same
 * question (and the 30-day cohort matrix) answered from the rollups, in the same process and database. Also times
 * building the rollups from scratch and refreshing them after one more day of events: a real next day (new
 * installs and returning users after the last loaded day), not a second batch for a day already loaded.
 */
public final class RetentionBenchmark {
    private static final int REPEATS = 5;

    private RetentionBenchmark() {
    }

    public record Result(long events, double generateSeconds, double fullRollupSeconds, double oneDayRefreshSeconds,
                         LocalDate installDate, long seedRetained, long rollupRetained, long rawHalfOpenRetained,
                         double seedRawSeconds, double rawHalfOpenSeconds, double rollupSeconds,
                         double matrixSeconds) {
        public double ratio() {
            return seedRawSeconds / rollupSeconds;
        }
    }

    public static Result run(DataSource ds, long events, int perUser, int days) {
        LocalDate first = LocalDate.of(2025, 1, 1);
        LocalDate last = first.plusDays(days - 1L);
        int users = (int) Math.max(1, events / (perUser + 1));
        double generate = timed(() -> execute(ds, "bench/ensure_partitions.sql", first, last.plusDays(1))
                + execute(ds, "bench/generate_events.sql", users - users / days, perUser, first, days));
        long total = count(ds);
        double full = timed(() -> {
            execute(ds, "bench/mark_all_days.sql", first, last);
            return new Rollups(ds).refresh().days();
        });
        // One more day, as the daily import brings it: the day after the last loaded one, with a new install
        // cohort (fresh user ids) and the previous day's active users returning. Loading it is the import's time;
        // only the refresh, which reads that day and the users it touches, is timed.
        LocalDate next = last.plusDays(1);
        execute(ds, "bench/ensure_partitions.sql", next, next.plusDays(1));
        execute(ds, "bench/generate_next_day.sql", users - users / days + 1, users / days, perUser, next);
        execute(ds, "bench/mark_all_days.sql", next, next);
        long[] refreshed = new long[1];
        double oneDay = timed(() -> refreshed[0] = new Rollups(ds).refresh().days());
        if (refreshed[0] != 1) {
            throw new IllegalStateException("the refresh after one more day rolled up " + refreshed[0] + " days, not 1");
        }
        analyze(ds);
        CohortRetention retention = new CohortRetention(ds);
        RetentionMatrix matrix = new RetentionMatrix(ds);
        LocalDate install = first.plusDays(days / 2);
        long[] seed = new long[1];
        long[] rolled = new long[1];
        long[] raw = new long[1];
        double seedSeconds = median(() -> seed[0] = retention.seedBetweenRetained(install));
        double rawSeconds = median(() -> raw[0] = retention.compute(install, 1, 7).retained());
        double rollupSeconds = median(() -> rolled[0] = retention.computeFromRollups(install, 1, 7).retained());
        double matrixSeconds = median(() -> matrix.compute(install.minusDays(29), install, RetentionMatrix.CohortBy.DAY)
                .size());
        return new Result(total, generate, full, oneDay, install, seed[0], rolled[0], raw[0], seedSeconds, rawSeconds,
                rollupSeconds, matrixSeconds);
    }

    private static double median(LongSupplier query) {
        double[] seconds = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            seconds[i] = timed(query);
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }

    private static double timed(LongSupplier work) {
        long t0 = System.nanoTime();
        work.getAsLong();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long execute(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(SqlResource.load(sql))) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.execute() ? 0 : s.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static long count(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(SqlResource.load("bench/count_events.sql"))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void analyze(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(SqlResource.load("bench/analyze.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
