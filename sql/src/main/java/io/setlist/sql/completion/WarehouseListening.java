package io.setlist.sql.completion;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's events of a window with its catalogue and users, as the completion features need them. Dense
 * indexes are the warehouse's surrogate ids (identity columns, so nearly gap-free); a gap becomes a placeholder
 * track or user that no event refers to.
 */
public final class WarehouseListening {
    private final DataSource ds;

    public WarehouseListening(DataSource ds) {
        this.ds = ds;
    }

    public ListeningData read(Instant from, Instant to) {
        List<String> trackKeys = new ArrayList<>();
        TrackCatalog.Builder catalog = new TrackCatalog.Builder();
        RowStream.forEach(ds, "completion/catalog.sql", s -> { }, rs -> {
            int id = rs.getInt(1);
            while (trackKeys.size() < id) {
                catalog.add(0, 1, 1);
                trackKeys.add(null);
            }
            int t = catalog.add(rs.getInt(3), rs.getInt(4), rs.getLong(5));
            double cost = rs.getDouble(6);
            if (!rs.wasNull()) {
                catalog.dailyCost(t, cost);
            }
            trackKeys.add(rs.getString(2));
        });
        List<String> userKeys = new ArrayList<>();
        List<Boolean> premium = new ArrayList<>();
        RowStream.forEach(ds, "completion/users.sql", s -> { }, rs -> {
            int id = rs.getInt(1);
            while (userKeys.size() < id) {
                userKeys.add(null);
                premium.add(false);
            }
            userKeys.add(rs.getString(2));
            premium.add(rs.getBoolean(3));
        });
        ListeningLog log = new ListeningLog();
        RowStream.forEach(ds, "completion/all_events_window.sql", s -> {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
        }, rs -> {
            byte kind = ListeningLog.kindOf(rs.getString(3));
            int track = rs.getInt(4);
            if (rs.wasNull()) {
                track = -1;
                if (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP) {
                    return; // a PLAY or SKIP without a track cannot be labelled; the import already reports these
                }
            }
            long session = rs.getLong(5);
            if (rs.wasNull()) {
                session = Long.MIN_VALUE;
            }
            log.add(rs.getInt(1), rs.getTimestamp(2).getTime(), kind, track, session);
        });
        boolean[] premiumAtStart = new boolean[userKeys.size()];
        for (int u = 0; u < premiumAtStart.length; u++) {
            premiumAtStart[u] = premium.get(u);
        }
        return new ListeningData("warehouse", log, catalog.artistGenres(new int[0][]).build(),
                new Listeners(premiumAtStart, new int[userKeys.size()][0]),
                trackKeys.toArray(new String[0]), userKeys.toArray(new String[0]));
    }
}
