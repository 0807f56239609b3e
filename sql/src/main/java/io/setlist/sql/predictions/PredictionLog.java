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
 * <p>A batch is written with one {@code COPY}, not a round trip per row. The observed outcome of a prediction is
 * the PLAY of that user and track at exactly the predicted time, labelled by {@link PlayOutcomeLabeler}'s rule (a
 * SKIP in the same session closing it means skipped), the rule the models were trained on.
 */
public final class PredictionLog {
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

    /** Appends the entries in one COPY; returns the rows stored. */
    public long append(List<Entry> entries) {
        try (Connection c = ds.getConnection()) {
            return append(c, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + entries.size() + " rows to prediction_log: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Appends the entries in one COPY on {@code c}, inside the caller's transaction when one is open (the queue's
     * workers log and finish a request in one transaction, so a redelivery never logs a prediction twice).
     */
    public static long append(Connection c, List<Entry> entries) {
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
