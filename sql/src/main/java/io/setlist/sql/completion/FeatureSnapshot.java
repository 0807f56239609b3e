package io.setlist.sql.completion;

import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.recommender.completion.PlayProbe;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.sql.RowStream;
import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntLinkedOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Serving-side completion features: for a play that may happen (user, track, time), the row {@link PlayFeatures}
 * would give a PLAY at that moment in the daily replay, computed from the warehouse as it is.
 *
 * <p><b>Same code, less data.</b> The daily stage for day D replays {@code historyDays} days up to the end of D;
 * a prediction at T uses that same window (T's UTC day). Rather than replaying the whole window per request, it
 * replays only what its features read: the user's own events (user, session, premium, like and advert counters)
 * and the PLAYs and SKIPs of its artist's tracks (track and artist counters); the one window-wide input, the
 * global skip rate the smoothed rates lean on, comes from one SQL pass ({@code predictions/window_counts.sql}).
 * The row is then built by {@link PlayFeatures#probe} with the same code as training, so there is no second
 * implementation to drift. {@code FeatureSnapshotTest} checks the rows equal the daily replay's, bit for bit.
 *
 * <p>Cost: one indexed scan of the window's events for the batch, and one sort of the window's PLAYs and SKIPs
 * for the global counts, per distinct UTC day in the batch.
 */
public final class FeatureSnapshot implements PlayFeatureSource {
    private static final long DAY_MS = 86_400_000L;

    private final DataSource ds;
    private final int historyDays;

    public FeatureSnapshot(DataSource ds, int historyDays) {
        this.ds = ds;
        this.historyDays = historyDays;
    }

    /** A play that may happen; ids are the warehouse's surrogate {@code user_id} and {@code track_id}. */
    public record Play(int userId, int trackId, long tsMillis) {
    }

    /** Start of the replay window of a play at {@code tsMillis}: the daily run of its UTC day starts there. */
    public long windowStart(long tsMillis) {
        return (Math.floorDiv(tsMillis, DAY_MS) + 1 - historyDays) * DAY_MS;
    }

    /** One row of {@link PlayFeatures#NAMES} per play, row-major, in the order given. */
    @Override
    public double[] features(List<Play> plays) {
        int d = PlayFeatures.NAMES.length;
        double[] out = new double[plays.size() * d];
        TreeMap<Long, IntArrayList> byWindow = new TreeMap<>();
        for (int i = 0; i < plays.size(); i++) {
            byWindow.computeIfAbsent(windowStart(plays.get(i).tsMillis()), k -> new IntArrayList()).add(i);
        }
        byWindow.forEach((from, indexes) -> {
            List<Play> group = new ArrayList<>();
            indexes.forEach(i -> group.add(plays.get(i)));
            double[] rows = window(from, group);
            for (int k = 0; k < indexes.size(); k++) {
                System.arraycopy(rows, k * d, out, indexes.getInt(k) * d, d);
            }
        });
        return out;
    }

    private double[] window(long from, List<Play> plays) {
        long to = plays.stream().mapToLong(Play::tsMillis).max().orElseThrow();
        IntLinkedOpenHashSet userIds = new IntLinkedOpenHashSet();
        IntLinkedOpenHashSet trackIds = new IntLinkedOpenHashSet();
        plays.forEach(p -> {
            userIds.add(p.userId());
            trackIds.add(p.trackId());
        });
        int[] probeUsers = userIds.toIntArray();
        int[] probeTracks = trackIds.toIntArray();
        Events events = new Events();
        RowStream.forEach(ds, "predictions/probe_events.sql", s -> {
            s.setTimestamp(1, new Timestamp(from));
            s.setTimestamp(2, new Timestamp(to));
            s.setArray(3, s.getConnection().createArrayOf("integer", boxed(probeUsers)));
            s.setArray(4, s.getConnection().createArrayOf("integer", boxed(probeTracks)));
        }, rs -> {
            byte kind = ListeningLog.kindOf(rs.getString(3));
            int track = rs.getInt(4);
            if (rs.wasNull()) {
                track = -1;
                if (kind == ListeningLog.PLAY || kind == ListeningLog.SKIP) {
                    return; // as WarehouseListening: a PLAY or SKIP without a track labels nothing
                }
            }
            long session = rs.getLong(5);
            if (rs.wasNull()) {
                session = Long.MIN_VALUE;
            }
            events.add(rs.getInt(1), rs.getTimestamp(2).getTime(), kind, track, session);
            userIds.add(rs.getInt(1));
            if (track >= 0) {
                trackIds.add(track);
            }
        });
        Int2IntOpenHashMap userIndex = index(userIds);
        Int2IntOpenHashMap trackIndex = index(trackIds);
        TrackCatalog catalog = catalog(trackIds.toIntArray(), trackIndex);
        Listeners listeners = listeners(userIds.toIntArray(), userIndex);
        ListeningLog log = new ListeningLog();
        for (int e = 0; e < events.size(); e++) {
            int t = events.track.getInt(e);
            log.add(userIndex.get(events.user.getInt(e)), events.ts.getLong(e), events.kind.get(e),
                    t < 0 ? -1 : trackIndex.get(t), events.session.getLong(e));
        }
        long[][] counts = windowCounts(from, to, plays);
        PlayProbe[] probes = new PlayProbe[plays.size()];
        for (int i = 0; i < probes.length; i++) {
            Play p = plays.get(i);
            probes[i] = new PlayProbe(userIndex.get(p.userId()), trackIndex.get(p.trackId()), p.tsMillis(),
                    counts[i][0], counts[i][1]);
        }
        return PlayFeatures.probe(log, catalog, listeners, probes);
    }

    private TrackCatalog catalog(int[] trackIds, Int2IntOpenHashMap trackIndex) {
        int[] artist = new int[trackIds.length];
        int[] duration = new int[trackIds.length];
        long[] size = new long[trackIds.length];
        Int2IntOpenHashMap artistIndex = new Int2IntOpenHashMap();
        RowStream.forEach(ds, "predictions/tracks_by_id.sql",
                s -> s.setArray(1, s.getConnection().createArrayOf("integer", boxed(trackIds))), rs -> {
                    int t = trackIndex.get(rs.getInt(1));
                    artist[t] = artistIndex.computeIfAbsent(rs.getInt(2), a -> artistIndex.size());
                    duration[t] = rs.getInt(3);
                    size[t] = rs.getLong(4);
                });
        TrackCatalog.Builder b = new TrackCatalog.Builder();
        for (int t = 0; t < trackIds.length; t++) {
            b.add(artist[t], duration[t], size[t]);
        }
        return b.artistGenres(new int[0][]).build();
    }

    private Listeners listeners(int[] userIds, Int2IntOpenHashMap userIndex) {
        boolean[] premium = new boolean[userIds.length];
        RowStream.forEach(ds, "predictions/users_by_id.sql",
                s -> s.setArray(1, s.getConnection().createArrayOf("integer", boxed(userIds))),
                rs -> premium[userIndex.get(rs.getInt(1))] = rs.getBoolean(2));
        return new Listeners(premium, new int[userIds.length][0]);
    }

    /** [play][0] PLAYs and [play][1] closing SKIPs of the whole window before each play. */
    private long[][] windowCounts(long from, long to, List<Play> plays) {
        long[][] counts = new long[plays.size()][];
        Long[] times = plays.stream().map(Play::tsMillis).toArray(Long[]::new);
        RowStream.forEach(ds, "predictions/window_counts.sql", s -> {
            s.setTimestamp(1, new Timestamp(from));
            s.setTimestamp(2, new Timestamp(to));
            s.setArray(3, s.getConnection().createArrayOf("bigint", times));
        }, rs -> counts[(int) rs.getLong(1) - 1] = new long[] {rs.getLong(2), rs.getLong(3)});
        return counts;
    }

    private static Int2IntOpenHashMap index(IntLinkedOpenHashSet ids) {
        Int2IntOpenHashMap index = new Int2IntOpenHashMap(ids.size());
        ids.forEach(id -> index.put(id, index.size()));
        return index;
    }

    private static Integer[] boxed(int[] ids) {
        Integer[] out = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** Events in load order with warehouse ids, before the dense indexes are known. */
    private static final class Events {
        final IntArrayList user = new IntArrayList();
        final LongArrayList ts = new LongArrayList();
        final ByteArrayList kind = new ByteArrayList();
        final IntArrayList track = new IntArrayList();
        final LongArrayList session = new LongArrayList();

        void add(int u, long t, byte k, int tr, long s) {
            user.add(u);
            ts.add(t);
            kind.add(k);
            track.add(tr);
            session.add(s);
        }

        int size() {
            return user.size();
        }
    }
}
