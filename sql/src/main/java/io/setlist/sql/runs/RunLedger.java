package io.setlist.sql.runs;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row per (job, business date): the job's status, attempts, timings, row counts and error. A job that already
 * succeeded for a date is not run again unless forced, so a trigger that fires twice has one effect.
 */
public final class RunLedger {
    private final DataSource ds;

    public RunLedger(DataSource ds) {
        this.ds = ds;
    }

    /** A ledger row. */
    public record Entry(String job, LocalDate businessDate, String runId, String status, int attempt,
                        Instant startedAt, Instant finishedAt, Long rowsIn, Long rowsOut, String error) {
    }

    /**
     * Marks {@code job} as running for {@code date}, unless it already succeeded and {@code force} is false.
     *
     * @return the attempt number, or empty when there is nothing to do
     */
    public Optional<Integer> begin(String job, LocalDate date, String runId, boolean force) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/begin.sql"))) {
            s.setString(1, job);
            s.setObject(2, date);
            s.setString(3, runId);
            s.setBoolean(4, force);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot begin " + job + " for " + date, e);
        }
    }

    public void succeed(String job, LocalDate date, long rowsIn, long rowsOut) {
        finish(job, date, "SUCCEEDED", rowsIn, rowsOut, null);
    }

    public void fail(String job, LocalDate date, String error) {
        finish(job, date, "FAILED", null, null, error);
    }

    private void finish(String job, LocalDate date, String status, Long rowsIn, Long rowsOut, String error) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/finish.sql"))) {
            s.setString(1, status);
            s.setObject(2, rowsIn);
            s.setObject(3, rowsOut);
            s.setString(4, error);
            s.setString(5, job);
            s.setObject(6, date);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot record " + status + " of " + job + " for " + date, e);
        }
    }

    /** Stores a stage's summary line (timings and counts) on its ledger row; null clears it. */
    public void recordSummary(String job, LocalDate date, String summary) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/record_summary.sql"))) {
            s.setString(1, summary);
            s.setString(2, job);
            s.setObject(3, date);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot record the summary of " + job + " for " + date, e);
        }
    }

    /** The summary line stored by {@link #recordSummary}, if any. */
    public Optional<String> summaryOf(String job, LocalDate date) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/find_summary.sql"))) {
            s.setString(1, job);
            s.setObject(2, date);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot read the summary of " + job + " for " + date, e);
        }
    }

    public Optional<Entry> find(String job, LocalDate date) {
        return list("runs/find.sql", job, date).stream().findFirst();
    }

    /** The latest {@code limit} rows, newest first. */
    public List<Entry> latest(int limit) {
        return list("runs/latest.sql", limit);
    }

    private List<Entry> list(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(SqlResource.load(sql))) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    out.add(new Entry(rs.getString("job"), rs.getObject("business_date", LocalDate.class),
                            rs.getString("run_id"), rs.getString("status"), rs.getInt("attempt"),
                            rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                            (Long) rs.getObject("rows_in"), (Long) rs.getObject("rows_out"), rs.getString("error")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot read", e);
        }
    }
}
