package io.setlist.sql.completion;

import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.timeline.ListeningTimeline;
import io.setlist.recommender.completion.timeline.TimelineFeatures;
import io.setlist.sql.RowStream;
import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Reads what the {@link FeatureStore} holds from the warehouse: the catalogue and users as the completion features
 * read them ({@code completion/catalog.sql}, {@code completion/users.sql}), and events in replay order, read as
 * {@link WarehouseListening} reads them (a PLAY or SKIP without a track is left out).
 */
final class TimelineLoader {
    private final DataSource ds;

    TimelineLoader(DataSource ds) {
        this.ds = ds;
    }

    /** Time and id of the latest event, or null when there is none. */
    long[] latestEvent() {
        long[][] latest = new long[1][];
        RowStream.forEach(ds, "completion/store_latest_event.sql", s -> { }, rs -> {
            Timestamp ts = rs.getTimestamp(1);
            if (ts != null) {
                latest[0] = new long[] {ts.getTime(), rs.getLong(2)};
            }
        });
        return latest[0];
    }

    /** Catalogue and premium flags by surrogate id; ids no row has get a placeholder nothing refers to. */
    TimelineFeatures.Catalogue catalogue() {
        IntArrayList artist = new IntArrayList();
        IntArrayList duration = new IntArrayList();
        LongArrayList size = new LongArrayList();
        RowStream.forEach(ds, "completion/catalog.sql", s -> { }, rs -> {
            int id = rs.getInt(1);
            while (artist.size() < id) {
                artist.add(0);
                duration.add(1);
                size.add(1);
            }
            artist.add(rs.getInt(3));
            duration.add(rs.getInt(4));
            size.add(rs.getLong(5));
        });
        BooleanArrayList premium = new BooleanArrayList();
        RowStream.forEach(ds, "completion/users.sql", s -> { }, rs -> {
            int id = rs.getInt(1);
            while (premium.size() < id) {
                premium.add(false);
            }
            premium.add(rs.getBoolean(3));
        });
        return new TimelineFeatures.Catalogue(artist.toIntArray(), duration.toIntArray(), size.toLongArray(),
                premium.toBooleanArray());
    }

    /** Appends every event from {@code from} on; false when one came out of replay order (rebuild). */
    boolean since(long from, ListeningTimeline timeline, long[] latestId) {
        boolean[] inOrder = {true};
        RowStream.forEach(ds, "completion/store_events_since.sql", s -> s.setTimestamp(1, new Timestamp(from)),
                rs -> inOrder[0] &= append(rs, timeline, latestId));
        return inOrder[0];
    }

    /** Appends the events with ids above {@code latestId[0]}, advancing it; false as {@link #since}. */
    boolean after(ListeningTimeline timeline, long[] latestId) {
        long seen = latestId[0];
        boolean[] inOrder = {true};
        RowStream.forEach(ds, "completion/store_events_after.sql", s -> s.setLong(1, seen),
                rs -> inOrder[0] &= append(rs, timeline, latestId));
        return inOrder[0];
    }

    private static boolean append(ResultSet rs, ListeningTimeline timeline, long[] latestId) throws SQLException {
        long id = rs.getLong(1);
        latestId[0] = Math.max(latestId[0], id);
        byte kind = ListeningLog.kindOf(rs.getString(4));
        int track = rs.getInt(5);
        if (rs.wasNull()) {
            track = -1;
            if (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP) {
                return true;
            }
        }
        long session = rs.getLong(6);
        if (rs.wasNull()) {
            session = Long.MIN_VALUE;
        }
        return timeline.append(id, rs.getInt(2), rs.getTimestamp(3).getTime(), kind, track, session);
    }
}
