package io.setlist.sql.retention;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Day-N cohort retention on the event warehouse: of the users who first installed on a day, how many came back on
 * days N..M after it.
 */
public final class CohortRetention {
    private final DataSource ds;

    public CohortRetention(DataSource ds) {
        this.ds = ds;
    }

    /** One cohort's retention over install day + {@code dayFrom} .. install day + {@code dayTo}, both included. */
    public record Result(LocalDate installDate, int dayFrom, int dayTo, long cohortSize, long retained) {
        public double rate() {
            return cohortSize == 0 ? 0.0 : (double) retained / cohortSize;
        }
    }

    /** A stored result of the daily job. */
    public record Stored(LocalDate businessDate, Result result) {
    }

    /** From the raw events (half-open day ranges): the reference answer, while the events are not purged. */
    public Result compute(LocalDate installDate, int dayFrom, int dayTo) {
        return query("retention/cohort_retained.sql", installDate, dayFrom, dayTo);
    }

    /** From the rollups: the same answer without reading events, and still there after the purge. */
    public Result computeFromRollups(LocalDate installDate, int dayFrom, int dayTo) {
        return query("retention/cohort_from_rollups.sql", installDate, dayFrom, dayTo);
    }

    /**
     * The seed's query ({@code ts BETWEEN to_date(D+1) AND to_date(D+7)} on the raw events), which loses day 7
     * after midnight: only a baseline for tests and the benchmark. Returns the retained count.
     */
    public long seedBetweenRetained(LocalDate installDate) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("retention/seed_between.sql"))) {
            for (int i = 1; i <= 4; i++) {
                s.setString(i, installDate.toString());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seed retention query failed for install date " + installDate, e);
        }
    }

    private Result query(String sql, LocalDate installDate, int dayFrom, int dayTo) {
        if (dayFrom < 0 || dayTo < dayFrom) {
            throw new IllegalArgumentException("day range must satisfy 0 <= from <= to, got " + dayFrom + ".." + dayTo);
        }
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load(sql))) {
            s.setObject(1, installDate);
            s.setInt(2, dayFrom);
            s.setInt(3, dayTo);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Result(installDate, dayFrom, dayTo, rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention query failed for install date " + installDate, e);
        }
    }

    /** Stores a result under the business date of the run that computed it (re-runs overwrite). */
    public void store(LocalDate businessDate, Result r) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("retention/store_result.sql"))) {
            s.setObject(1, businessDate);
            s.setObject(2, r.installDate());
            s.setInt(3, r.dayFrom());
            s.setInt(4, r.dayTo());
            s.setLong(5, r.cohortSize());
            s.setLong(6, r.retained());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store retention for " + businessDate, e);
        }
    }

    public List<Stored> latest(int limit) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("retention/latest_results.sql"))) {
            s.setInt(1, limit);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getObject(1, LocalDate.class), new Result(rs.getObject(2, LocalDate.class),
                            rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getLong(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read retention results", e);
        }
    }
}
