package io.setlist.sql.predictions;

import io.setlist.recommender.completion.PlayOutcomeLabeler;
import io.setlist.sql.RowStream;
import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import it.unimi.dsi.fastutil.objects.Object2BooleanOpenHashMap;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code prediction_log}: every prediction the API served, and, for the A/B report, what then happened.
 *
 * <p>A batch is written in one statement, not a round trip per row: up to {@value #INSERT_ROWS} rows one
 * {@code INSERT} of column arrays (one round trip: a 1-item API request's latency is mostly round trips), more one
 * {@code COPY} (two round trips, cheaper per row). Both parse the same text, so they store the same values. The observed outcome of a prediction is
 * the PLAY of that user and track at exactly the predicted time, labelled by {@link PlayOutcomeLabeler}'s rule (a
 * SKIP in the same session closing it means skipped), the rule the models were trained on.
 */
public final class PredictionLog {
    /** Batches up to this size are one INSERT, larger ones one COPY. */
    static final int INSERT_ROWS = 100;
    private final DataSource ds;

    public PredictionLog(DataSource ds) {
        this.ds = ds;
    }

    /** One served prediction; {@code variant} is null when the caller named the model. */
    public record Entry(UUID trackingId, String model, int version, String variant, String userKey, String trackKey,
                        Instant playTs, double probability, double threshold) {
    }

    /** A logged prediction and its outcome: {@code completed} is null when no such PLAY has been seen (yet). */
    public record Observed(String variant, String model, int version, double probability, double threshold,
                           Boolean completed) {
    }

    /** Appends the entries in one statement, committed before it returns; returns the rows stored. */
    public long append(List<Entry> entries) {
        try (Connection c = ds.getConnection()) {
            return append(c, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + entries.size() + " rows to prediction_log: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Appends the entries in one statement on {@code c}, inside the caller's transaction when one is open (the
     * queue's workers log and finish a request in one transaction, so a redelivery never logs a prediction twice).
     */
    public static long append(Connection c, List<Entry> entries) {
        return entries.size() <= INSERT_ROWS ? insert(c, entries) : copy(c, entries);
    }

    /** The entries in one multi-row INSERT (see {@code predictions/log_insert.sql}). */
    static long insert(Connection c, List<Entry> entries) {
        int n = entries.size();
        String[][] columns = new String[9][n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            columns[0][i] = e.trackingId().toString();
            columns[1][i] = e.model();
            columns[2][i] = Integer.toString(e.version());
            columns[3][i] = e.variant();
            columns[4][i] = e.userKey();
            columns[5][i] = e.trackKey();
            columns[6][i] = e.playTs().toString();
            columns[7][i] = Double.toString(e.probability());
            columns[8][i] = Double.toString(e.threshold());
        }
        try (java.sql.PreparedStatement s = c.prepareStatement(SqlResource.load("predictions/log_insert.sql"))) {
            for (int k = 0; k < columns.length; k++) {
                s.setArray(k + 1, c.createArrayOf("text", columns[k]));
            }
            return s.executeLargeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + n + " rows to prediction_log: " + e.getMessage(), e);
        }
    }

    /** The entries in one COPY. */
    static long copy(Connection c, List<Entry> entries) {
        try {
            CopyTextStream rows = new CopyTextStream(c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlResource.load("predictions/log_copy_in.sql")));
            for (Entry e : entries) {
                rows.field(e.trackingId().toString());
                rows.field(e.model());
                rows.field(e.version());
                rows.field(e.variant());
                rows.field(e.userKey());
                rows.field(e.trackKey());
                rows.field(e.playTs().toString());
                rows.field(e.probability());
                rows.field(e.threshold());
                rows.endRow();
            }
            return rows.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + entries.size() + " rows to prediction_log: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes the predictions served before {@code cutoff} (the retention purge); returns how many went. One
     * range delete on {@code prediction_log_served_at}.
     */
    public long purgeServedBefore(Instant cutoff) {
        try (Connection c = ds.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(SqlResource.load("predictions/purge_served_before.sql"))) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeLargeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge prediction_log before " + cutoff, e);
        }
    }

    /** Predictions with play times in [from, to), in play-time order, each with its observed outcome. */
    public List<Observed> observed(Instant from, Instant to) {
        List<Logged> logged = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        List<Integer> tracks = new ArrayList<>();
        RowStream.forEach(ds, "predictions/logged_with_play.sql", s -> {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
        }, rs -> {
            Timestamp played = rs.getTimestamp(9);
            String key = null;
            if (played != null) {
                long session = rs.getLong(6);
                Long sessionId = rs.wasNull() ? null : session;
                key = playKey(rs.getInt(7), rs.getInt(8), played.getTime());
                sessions.add(sessionId);
                users.add(rs.getInt(7));
                tracks.add(rs.getInt(8));
            }
            logged.add(new Logged(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                    key));
        });
        Object2BooleanOpenHashMap<String> completed = labels(sessions, users, tracks);
        List<Observed> out = new ArrayList<>(logged.size());
        for (Logged row : logged) {
            String key = row.playKey();
            Boolean outcome = key != null && completed.containsKey(key) ? completed.getBoolean(key) : null;
            out.add(new Observed(row.variant(), row.model(), row.version(), row.probability(), row.threshold(),
                    outcome));
        }
        return out;
    }

    private record Logged(String variant, String model, int version, double probability, double threshold,
                          String playKey) {
    }

    /** Labels every PLAY of the given (session, track) streams, keyed by {@link #playKey}. */
    private Object2BooleanOpenHashMap<String> labels(List<Long> sessions, List<Integer> users, List<Integer> tracks) {
        Object2BooleanOpenHashMap<String> completed = new Object2BooleanOpenHashMap<>();
        if (sessions.isEmpty()) {
            return completed;
        }
        PlayOutcomeLabeler labeler = new PlayOutcomeLabeler((user, track, ts, done) ->
                completed.put(playKey(user, track, ts), done));
        Object[] current = new Object[3];
        RowStream.forEach(ds, "predictions/stream_events.sql", s -> {
            s.setArray(1, s.getConnection().createArrayOf("bigint", sessions.toArray()));
            s.setArray(2, s.getConnection().createArrayOf("integer", users.toArray()));
            s.setArray(3, s.getConnection().createArrayOf("integer", tracks.toArray()));
        }, rs -> {
            long session = rs.getLong(1);
            Long sessionId = rs.wasNull() ? null : session;
            int user = rs.getInt(2);
            int track = rs.getInt(3);
            Object[] stream = {sessionId, sessionId == null ? user : null, track};
            if (!Arrays.equals(stream, current)) {
                labeler.finish(); // each (session, track) stream is labelled on its own
                System.arraycopy(stream, 0, current, 0, 3);
            }
            long id = sessionId == null ? Long.MIN_VALUE : sessionId;
            long ts = rs.getTimestamp(4).getTime();
            if (rs.getBoolean(5)) {
                labeler.skip(id, user, track, ts);
            } else {
                labeler.play(id, user, track, ts);
            }
        });
        labeler.finish();
        return completed;
    }

    private static String playKey(int user, int track, long ts) {
        return user + "/" + track + "/" + ts;
    }
}
