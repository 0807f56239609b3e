package io.setlist.sql.completion;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;

/** PLAY and SKIP events of a time window, in session order, for labelling plays as completed or skipped. */
public final class ListeningEvents {
    private final DataSource ds;

    public ListeningEvents(DataSource ds) {
        this.ds = ds;
    }

    @FunctionalInterface
    public interface Row {
        void event(long sessionId, int userId, int trackId, long tsMillis, boolean skip);
    }

    /** Streams events with {@code from <= ts < to}. */
    public long forEach(Instant from, Instant to, Row sink) {
        return RowStream.forEach(ds, "completion/listening_window.sql", s -> {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
        }, rs -> sink.event(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getTimestamp(4).getTime(), rs.getBoolean(5)));
    }
}
