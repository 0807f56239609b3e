package io.setlist.sql.runs;

import io.setlist.sql.RowStream;
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
 * One row per (job, business date): the job's status, attempts, node, timings, row counts, summary and error. A
 * job that already succeeded for a date is not run again unless forced, so a trigger that fires twice (or on two
 * nodes) has one effect.
 */
public final class RunLedger {
    private final DataSource ds;

    public RunLedger(DataSource ds) {
        this.ds = ds;
    }

    /** A ledger row. */
    public record Entry(String job, LocalDate businessDate, String runId, String status, int attempt,
                        Instant startedAt, Instant finishedAt, Long rowsIn, Long rowsOut, String error,
                        String node, String summary) {
    }

    /**
     * Marks {@code job} as running for {@code date} on {@code node}, unless it already succeeded and {@code force}
     * is false.
     *
     * @return the attempt number, or empty when there is nothing to do
     */
    public Optional<Integer> begin(String job, LocalDate date, String runId, String node, boolean force) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/begin.sql"))) {
            s.setString(1, job);
            s.setObject(2, date);
            s.setString(3, runId);
            s.setString(4, node);
            s.setBoolean(5, force);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot begin " + job + " for " + date, e);
        }
    }

    public void succeed(String job, LocalDate date, long rowsIn, long rowsOut, String summary) {
        finish(job, date, "SUCCEEDED", rowsIn, rowsOut, null, summary);
    }

    public void fail(String job, LocalDate date, String error) {
        finish(job, date, "FAILED", null, null, error, null);
    }

    private void finish(String job, LocalDate date, String status, Long rowsIn, Long rowsOut, String error,
                        String summary) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/finish.sql"))) {
            s.setString(1, status);
            s.setObject(2, rowsIn);
            s.setObject(3, rowsOut);
            s.setString(4, error);
            s.setString(5, summary);
            s.setString(6, job);
            s.setObject(7, date);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot record " + status + " of " + job + " for " + date, e);
        }
    }

    /** Marks every job still RUNNING on {@code node} as INTERRUPTED; returns how many. */
    public int interruptRunning(String node) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/interrupt_running.sql"))) {
            s.setString(1, node);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot mark interrupted runs of " + node, e);
        }
    }

    public Optional<Entry> find(String job, LocalDate date) {
        return list("runs/find.sql", job, date).stream().findFirst();
    }

    /** The latest {@code limit} rows, newest first, of one job or (with {@code null}) of all. */
    public List<Entry> latest(String job, int limit) {
        return list("runs/latest.sql", job, job, limit);
    }

    /** When {@code job} last succeeded, if ever. */
    public Optional<Instant> lastSuccess(String job) {
        Instant[] at = new Instant[1];
        RowStream.forEach(ds, "runs/last_success.sql", s -> s.setString(1, job), rs -> {
            Timestamp t = rs.getTimestamp(1);
            at[0] = t == null ? null : t.toInstant();
        });
        return Optional.ofNullable(at[0]);
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
                            (Long) rs.getObject("rows_in"), (Long) rs.getObject("rows_out"), rs.getString("error"),
                            rs.getString("node"), rs.getString("summary")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot read", e);
        }
    }
}
