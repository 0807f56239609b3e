package io.setlist.sql.runs;

import io.setlist.sql.RowStream;
import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row per (job, business date): the job's status, attempts, node, timings, row counts, summary and error. A
 * job that already succeeded for a date is not run again unless forced, so a trigger that fires twice (or on two
 * nodes) has one effect.
 *
 * <p>The ledger is also the lock of a (job, date): a RUNNING row is a lease that its holder renews
 * ({@link #heartbeat}) and that expires {@link #leaseTime()} after the last renewal. {@link #begin} takes the lease
 * or reports who holds it; a lease that expired (its holder crashed or hung) is taken over, and the row records
 * whose it was. Only the holder can record the end of a run, so a run that lost its lease can never overwrite
 * what the new holder recorded. Lease times are measured on the database server's clock, the one clock every
 * node shares.
 */
public final class RunLedger {
    /** How long a lease lasts without a heartbeat, unless configured ({@code SETLIST_RUN_LEASE_SECONDS}). */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

    private final DataSource ds;
    private final Duration leaseTime;

    public RunLedger(DataSource ds) {
        this(ds, DEFAULT_LEASE);
    }

    /** @param leaseTime how long a lease lasts without a heartbeat; at least one second */
    public RunLedger(DataSource ds, Duration leaseTime) {
        if (leaseTime.toMillis() < 1000) {
            throw new IllegalArgumentException("the run lease must last at least 1 s, got " + leaseTime);
        }
        this.ds = ds;
        this.leaseTime = leaseTime;
    }

    public Duration leaseTime() {
        return leaseTime;
    }

    /** A ledger row. */
    public record Entry(String job, LocalDate businessDate, String runId, String status, int attempt,
                        Instant startedAt, Instant finishedAt, Long rowsIn, Long rowsOut, String error,
                        String node, String summary, Instant leaseExpiresAt, String takenOverFrom) {
    }

    /** What {@link #begin} found. */
    public sealed interface Begin {
    }

    /** The caller holds the lease now; {@code takenOverFrom} names the expired lease it took over, or is null. */
    public record Started(int attempt, String takenOverFrom) implements Begin {
    }

    /** The job already succeeded for the date (and the caller did not force it): nothing to do. */
    public record AlreadySucceeded(Entry entry) implements Begin {
    }

    /** Another run holds the lease of the (job, date); {@code holder} is its row (null if it ended meanwhile). */
    public record Held(Entry holder) implements Begin {
    }

    /**
     * Takes the lease of {@code job} for {@code date} as run {@code runId} on {@code node}, unless the job already
     * succeeded for the date and {@code force} is false, or another run holds a live lease (forced or not).
     */
    public Begin begin(String job, LocalDate date, String runId, String node, boolean force) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/begin.sql"))) {
            s.setString(1, job);
            s.setObject(2, date);
            s.setString(3, runId);
            s.setString(4, node);
            s.setDouble(5, leaseTime.toMillis() / 1000.0);
            s.setBoolean(6, force);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Started(rs.getInt(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot begin " + job + " for " + date + ": "
                    + e.getMessage(), e);
        }
        // Not ours: tell why. The row may have moved on since; a row that is no longer RUNNING still explains it.
        Optional<Entry> row = find(job, date);
        if (row.isPresent() && "SUCCEEDED".equals(row.get().status()) && !force) {
            return new AlreadySucceeded(row.get());
        }
        return new Held(row.orElse(null));
    }

    /**
     * Renews the lease of run {@code runId}; false when it no longer holds it (it expired and was taken over, or
     * the run was marked interrupted).
     */
    public boolean heartbeat(String job, LocalDate date, String runId) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/heartbeat.sql"))) {
            s.setDouble(1, leaseTime.toMillis() / 1000.0);
            s.setString(2, job);
            s.setObject(3, date);
            s.setString(4, runId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot renew the lease of " + job + " for " + date + ": "
                    + e.getMessage(), e);
        }
    }

    /** Records success; false when run {@code runId} no longer held the lease (nothing was recorded). */
    public boolean succeed(String job, LocalDate date, String runId, long rowsIn, long rowsOut, String summary) {
        return finish(job, date, runId, "SUCCEEDED", rowsIn, rowsOut, null, summary);
    }

    /** Records that the run chose not to act, and why; false when it no longer held the lease. */
    public boolean skip(String job, LocalDate date, String runId, String reason) {
        return finish(job, date, runId, "SKIPPED", 0L, 0L, null, reason);
    }

    /** Records the failure; false when run {@code runId} no longer held the lease (nothing was recorded). */
    public boolean fail(String job, LocalDate date, String runId, String error) {
        return finish(job, date, runId, "FAILED", null, null, error, null);
    }

    private boolean finish(String job, LocalDate date, String runId, String status, Long rowsIn, Long rowsOut,
                           String error, String summary) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/finish.sql"))) {
            s.setString(1, status);
            s.setObject(2, rowsIn);
            s.setObject(3, rowsOut);
            s.setString(4, error);
            s.setString(5, summary);
            s.setString(6, job);
            s.setObject(7, date);
            s.setString(8, runId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot record " + status + " of " + job + " for " + date
                    + ": " + e.getMessage(), e);
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

    /** The row of {@code job} with the latest business date, if any. */
    public Optional<Entry> newestDate(String job) {
        return list("runs/newest_date.sql", job).stream().findFirst();
    }

    /** The runs holding a live lease on {@code date}, by job. */
    public List<Entry> liveLeases(LocalDate date) {
        return list("runs/live_leases.sql", date);
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
                    Timestamp lease = rs.getTimestamp("lease_expires_at");
                    out.add(new Entry(rs.getString("job"), rs.getObject("business_date", LocalDate.class),
                            rs.getString("run_id"), rs.getString("status"), rs.getInt("attempt"),
                            rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                            (Long) rs.getObject("rows_in"), (Long) rs.getObject("rows_out"), rs.getString("error"),
                            rs.getString("node"), rs.getString("summary"), lease == null ? null : lease.toInstant(),
                            rs.getString("taken_over_from")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("run ledger: cannot read", e);
        }
    }
}
