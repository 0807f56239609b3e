package io.setlist.sql.predictions;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * {@code prediction_requests}: the asynchronous prediction requests, one row per tracking id.
 *
 * <p>Invariant: a row's status leaves {@code PENDING} once, for {@code DONE}, {@code FAILED} or {@code EXPIRED},
 * and never changes again. {@link #process} holds the row's lock from the claim to the commit of the result (and of
 * whatever the scorer wrote on the same connection), so a message delivered twice, or to a worker that was killed
 * half-way, is scored and stored exactly once.
 */
public final class PredictionRequests {
    public enum Status { PENDING, DONE, FAILED, EXPIRED }

    private final DataSource ds;

    public PredictionRequests(DataSource ds) {
        this.ds = ds;
    }

    /** A request as the API reports it; {@code result} (JSON) is set when DONE, {@code reason} otherwise. */
    public record Found(Status status, String result, String reason, int items, Instant createdAt,
                        Instant finishedAt) {
    }

    /** What a scorer made of a request: DONE with a result, or FAILED with a reason. */
    public record Finished(Status status, String result, String reason) {
        public static Finished done(String result) {
            return new Finished(Status.DONE, result, null);
        }

        public static Finished failed(String reason) {
            return new Finished(Status.FAILED, null, reason);
        }
    }

    /** Scores a request's items (JSON) inside the claim's transaction; writes of its own go through {@code c}. */
    @FunctionalInterface
    public interface Scorer {
        Finished score(Connection c, String items) throws Exception;
    }

    /** What {@link #process} did. */
    public enum Outcome { DONE, FAILED, EXPIRED, ALREADY_FINISHED, UNKNOWN }

    /** Stores a new PENDING request (committed on return). */
    public void create(UUID trackingId, String itemsJson, int itemCount) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/insert.sql"))) {
            s.setObject(1, trackingId);
            s.setString(2, itemsJson);
            s.setInt(3, itemCount);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store prediction request " + trackingId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The request, if it exists. A PENDING request older than {@code ttl} is expired first, so a client never
     * waits on a request no worker will take any more.
     */
    public Optional<Found> find(UUID trackingId, Duration ttl) {
        try (Connection c = ds.getConnection()) {
            Optional<Row> row = select(c, trackingId, ttl);
            if (row.isPresent() && row.get().found().status() == Status.PENDING && row.get().overdue()) {
                expire(c, trackingId, ttl);
                row = select(c, trackingId, ttl);
            }
            return row.map(Row::found);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read prediction request " + trackingId + ": " + e.getMessage(), e);
        }
    }

    private record Row(Found found, boolean overdue) {
    }

    private static Optional<Row> select(Connection c, UUID trackingId, Duration ttl) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/find.sql"))) {
            s.setDouble(1, ttl.toMillis() / 1000.0);
            s.setObject(2, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Timestamp finished = rs.getTimestamp(6);
                return Optional.of(new Row(new Found(Status.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant(),
                        finished == null ? null : finished.toInstant()), rs.getBoolean(7)));
            }
        }
    }

    private static void expire(Connection c, UUID trackingId, Duration ttl) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/expire_overdue.sql"))) {
            s.setString(1, "expired: not scored within " + ttl.toSeconds() + " s of its submission");
            s.setObject(2, trackingId);
            s.setDouble(3, ttl.toMillis() / 1000.0);
            s.executeUpdate();
        }
    }

    /**
     * Claims a PENDING request, scores it with {@code scorer} and stores the outcome, in one transaction.
     * A request older than {@code ttl} is expired instead of scored. An exception of the scorer rolls everything
     * back (the request stays PENDING for the next delivery) and is rethrown.
     */
    public Outcome process(UUID trackingId, Duration ttl, Scorer scorer) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = claimAndScore(c, trackingId, ttl, scorer);
                c.commit();
                return outcome;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Outcome claimAndScore(Connection c, UUID trackingId, Duration ttl, Scorer scorer) throws Exception {
        String items;
        boolean late;
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/lock_pending.sql"))) {
            s.setDouble(1, ttl.toMillis() / 1000.0);
            s.setObject(2, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return exists(c, trackingId) ? Outcome.ALREADY_FINISHED : Outcome.UNKNOWN;
                }
                items = rs.getString(1);
                late = rs.getBoolean(2);
            }
        }
        if (late) {
            expire(c, trackingId, ttl);
            return Outcome.EXPIRED;
        }
        Finished finished = scorer.score(c, items);
        if (finish(c, trackingId, finished) != 1) {
            throw new IllegalStateException("request " + trackingId + " left PENDING while it was locked");
        }
        return finished.status() == Status.DONE ? Outcome.DONE : Outcome.FAILED;
    }

    /** Marks a PENDING request FAILED with {@code reason}; false when it was not PENDING (any more). */
    public boolean fail(UUID trackingId, String reason) {
        try (Connection c = ds.getConnection()) {
            return finish(c, trackingId, Finished.failed(reason)) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fail prediction request " + trackingId + ": " + e.getMessage(), e);
        }
    }

    private static int finish(Connection c, UUID trackingId, Finished finished) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/finish.sql"))) {
            s.setString(1, finished.status().name());
            s.setString(2, finished.result());
            s.setString(3, finished.reason());
            s.setObject(4, trackingId);
            return s.executeUpdate();
        }
    }

    private static boolean exists(Connection c, UUID trackingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/status.sql"))) {
            s.setObject(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Seconds since the oldest PENDING request was submitted; empty when none is pending. */
    public OptionalDouble oldestPendingSeconds() {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("prediction_requests/oldest_pending.sql"));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            double seconds = rs.getDouble(1);
            return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(seconds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the prediction backlog: " + e.getMessage(), e);
        }
    }
}
