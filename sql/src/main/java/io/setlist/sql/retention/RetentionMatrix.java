package io.setlist.sql.retention;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cohort retention matrix, read from the rollups: cohorts by install day (periods = days 1..30 after install) or
 * by install week (periods = weeks 1..12), each with its size, the users active in exactly period n ("classic") and
 * those active in period n or later ("rolling"). The cells come from the matrix rollups that {@link Rollups} keeps,
 * so the cost grows with the cohorts shown, not with their users' activity.
 */
public final class RetentionMatrix {
    private final DataSource ds;

    public RetentionMatrix(DataSource ds) {
        this.ds = ds;
    }

    /** How cohorts are grouped and how many periods follow them. */
    public enum CohortBy {
        DAY(30), WEEK(12);

        private final int periods;

        CohortBy(int periods) {
            this.periods = periods;
        }

        public int periods() {
            return periods;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static CohortBy parse(String value) {
            for (CohortBy by : values()) {
                if (by.label().equals(value)) {
                    return by;
                }
            }
            throw new IllegalArgumentException("cohort grouping must be day or week, got '" + value + "'");
        }
    }

    /** One cohort's row; {@code exact[n-1]} and {@code rolling[n-1]} belong to period n. */
    public record Cohort(LocalDate start, long size, long[] exact, long[] rolling) {
        public double exactRate(int period) {
            return size == 0 ? 0 : (double) exact[period - 1] / size;
        }

        public double rollingRate(int period) {
            return size == 0 ? 0 : (double) rolling[period - 1] / size;
        }
    }

    /** Cohorts of users installed on {@code from} .. {@code to} (both included); cohorts without users are absent. */
    public List<Cohort> compute(LocalDate from, LocalDate to, CohortBy by) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the cohort range ends (" + to + ") before it starts (" + from + ")");
        }
        int periods = by.periods();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("retention/matrix.sql"))) {
            s.setObject(1, from);
            s.setObject(2, to);
            s.setString(3, by.label());
            s.setInt(4, periods);
            List<Cohort> cohorts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                Cohort current = null;
                while (rs.next()) {
                    LocalDate start = rs.getObject(1, LocalDate.class);
                    if (current == null || !current.start().equals(start)) {
                        current = new Cohort(start, rs.getLong(2), new long[periods], new long[periods]);
                        cohorts.add(current);
                    }
                    int period = rs.getInt(3);
                    current.exact()[period - 1] = rs.getLong(4);
                    current.rolling()[period - 1] = rs.getLong(5);
                }
            }
            return cohorts;
        } catch (SQLException e) {
            throw new IllegalStateException("retention matrix query failed for " + from + " .. " + to, e);
        }
    }

    /** Replaces the matrix stored for ({@code businessDate}, {@code by}) with {@code cohorts}. */
    public void store(LocalDate businessDate, CohortBy by, List<Cohort> cohorts) {
        InTransaction.run(ds, "cannot store the retention matrix for " + businessDate, c -> {
            try (PreparedStatement delete = c.prepareStatement(SqlResource.load("retention/delete_matrix.sql"));
                 PreparedStatement insert = c.prepareStatement(SqlResource.load("retention/store_matrix.sql"))) {
                delete.setObject(1, businessDate);
                delete.setString(2, by.label());
                delete.executeUpdate();
                for (Cohort cohort : cohorts) {
                    for (int n = 1; n <= cohort.exact().length; n++) {
                        insert.setObject(1, businessDate);
                        insert.setString(2, by.label());
                        insert.setObject(3, cohort.start());
                        insert.setInt(4, n);
                        insert.setLong(5, cohort.size());
                        insert.setLong(6, cohort.exact()[n - 1]);
                        insert.setLong(7, cohort.rolling()[n - 1]);
                        insert.addBatch();
                    }
                }
                return insert.executeBatch().length;
            }
        });
    }
}
