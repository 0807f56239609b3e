package io.setlist.sql.cache;

import io.setlist.sql.RowStream;
import io.setlist.sql.copy.DatedReplace;

import javax.sql.DataSource;
import java.time.LocalDate;

/** Ranked cache-priority lists per tier of a business date, and the track sizes the planner needs. */
public final class CachePriorityTable {
    private final DataSource ds;

    public CachePriorityTable(DataSource ds) {
        this.ds = ds;
    }

    @FunctionalInterface
    public interface TrackSize {
        void track(int trackId, long sizeBytes);
    }

    @FunctionalInterface
    public interface PublishRow {
        void row(String tier, int rank, String trackKey, double probability, double priority);
    }

    public long forEachTrackSize(TrackSize sink) {
        return RowStream.forEach(ds, "cache/track_sizes.sql", s -> { }, rs -> sink.track(rs.getInt(1), rs.getLong(2)));
    }

    public DatedReplace replace(LocalDate date) {
        return DatedReplace.open(ds, "cache/delete_date.sql", "cache/copy_in.sql", date);
    }

    public static void add(DatedReplace replace, String tier, int rank, int trackId, double probability,
                           double expectedFullPlays, long sizeBytes, double priority) {
        replace.row().field(tier).field(rank).field(trackId).field(probability).field(expectedFullPlays)
                .field(sizeBytes).field(priority);
        replace.endRow();
    }

    /** Streams a date's lists ordered by tier, then rank. */
    public long forPublish(LocalDate date, PublishRow sink) {
        return RowStream.forEach(ds, "cache/for_publish.sql", s -> s.setObject(1, date),
                rs -> sink.row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)));
    }
}
