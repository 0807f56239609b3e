package io.setlist.recommender.completion.timeline;

import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.Listeners;
import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.recommender.completion.PlayProbe;
import io.setlist.recommender.completion.TrackCatalog;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;

import java.util.stream.IntStream;

/**
 * Completion feature rows of plays that may happen, from a {@link ListeningTimeline}: the rows
 * {@link PlayFeatures#build} gives a PLAY at that moment in the replay of the window of {@code historyDays} UTC days
 * ending with the play's day.
 *
 * <p>The user's side (their counters, pairs, recent plays, open session, premium) is replayed by the training code
 * itself ({@link PlayFeatures#probe}) over that one user's events of the window, which the timeline indexes; the
 * track's, artist's and the global counts come from the timeline's binary searches. So there is no second feature
 * implementation, and the cost is O(the user's events in the window + log n) a play, never a window scan.
 *
 * @param catalogue track id → artist id, duration, size; user id → premium flag (as {@code users.premium} reads)
 */
public record TimelineFeatures(ListeningTimeline timeline, Catalogue catalogue, int historyDays) {
    /** Plays from which a request's groups run in parallel: below it, a fork costs more than it saves. */
    public static final int PARALLEL_FROM = 32;

    /** The warehouse's catalogue and users as the features read them, by surrogate id. */
    public record Catalogue(int[] artistOf, int[] durationMs, long[] sizeBytes, boolean[] premium) {
    }

    /** Start of the replay window of a play at {@code tsMillis}: the daily run of its UTC day starts there. */
    public long windowStart(long tsMillis) {
        return (Math.floorDiv(tsMillis, Moment.DAY_MS) + 1 - historyDays) * Moment.DAY_MS;
    }

    /** Whether a play at {@code tsMillis} by {@code userId} of {@code trackId} can be described from the timeline. */
    public boolean covers(int userId, int trackId, long tsMillis) {
        return windowStart(tsMillis) >= timeline.start() && userId >= 0 && userId < catalogue.premium().length
                && trackId >= 0 && trackId < catalogue.artistOf().length;
    }

    /**
     * One row of {@link PlayFeatures#NAMES} per play, row-major, in the order given; every play must be
     * {@link #covers covered}. Plays of one user in one window are replayed together; from {@link #PARALLEL_FROM}
     * plays the (user, window) groups run in parallel (the common fork-join pool), which changes no row. The caller
     * keeps the timeline from changing meanwhile (the store's read lock).
     */
    public double[] features(int[] userIds, int[] trackIds, long[] ts) {
        int n = userIds.length;
        int d = PlayFeatures.NAMES.length;
        double[] out = new double[n * d];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        IntArrays.quickSort(order, (a, b) -> {
            int byUser = Integer.compare(userIds[a], userIds[b]);
            return byUser != 0 ? byUser : Long.compare(windowStart(ts[a]), windowStart(ts[b]));
        });
        IntArrayList groupStarts = new IntArrayList();
        for (int from = 0; from < n; ) {
            groupStarts.add(from);
            int to = from + 1;
            while (to < n && userIds[order[to]] == userIds[order[from]]
                    && windowStart(ts[order[to]]) == windowStart(ts[order[from]])) {
                to++;
            }
            from = to;
        }
        groupStarts.add(n);
        IntStream groups = IntStream.range(0, groupStarts.size() - 1);
        // A group's replay reads the timeline only and writes its own rows of out, so groups run on every core: a
        // 1,000-play request replays about 1,000 users' windows, each O(the user's events).
        (n >= PARALLEL_FROM ? groups.parallel() : groups).forEach(g -> {
            int[] group = java.util.Arrays.copyOfRange(order, groupStarts.getInt(g), groupStarts.getInt(g + 1));
            double[] rows = userWindow(userIds[group[0]], group, trackIds, ts);
            for (int k = 0; k < group.length; k++) {
                System.arraycopy(rows, k * d, out, group[k] * d, d);
            }
        });
        return out;
    }

    private double[] userWindow(int userId, int[] group, int[] trackIds, long[] ts) {
        long windowFrom = windowStart(ts[group[0]]);
        long latest = Long.MIN_VALUE;
        for (int i : group) {
            latest = Math.max(latest, ts[i]);
        }
        IntArrayList events = timeline.userEvents(userId);
        int first = firstAtOrAfter(events, windowFrom);
        // sized to the user's events of the window, so a replay of a few hundred events does not rehash
        int expected = Math.max(16, events.size() - first + group.length);
        Int2IntOpenHashMap denseTrack = new Int2IntOpenHashMap(expected);
        Int2IntOpenHashMap denseArtist = new Int2IntOpenHashMap(expected);
        TrackCatalog.Builder tracks = new TrackCatalog.Builder();
        ListeningLog log = new ListeningLog(events.size() - first);
        for (int k = first; k < events.size(); k++) {
            int e = events.getInt(k);
            if (timeline.ts(e) > latest) {
                break;
            }
            int t = timeline.track(e);
            log.add(0, timeline.ts(e), timeline.kind(e), t < 0 ? -1 : dense(t, denseTrack, denseArtist, tracks),
                    timeline.session(e));
        }
        PlayProbe[] probes = new PlayProbe[group.length];
        for (int k = 0; k < group.length; k++) {
            int i = group[k];
            Moment at = timeline.moment(ts[i]);
            long[] global = timeline.globalCounts(windowFrom, at);
            probes[k] = new PlayProbe(0, dense(trackIds[i], denseTrack, denseArtist, tracks), ts[i], global[0],
                    global[1], timeline.itemCounts(trackIds[i], windowFrom, at));
        }
        Listeners user = new Listeners(new boolean[] {catalogue.premium()[userId]}, new int[1][0]);
        return PlayFeatures.probe(log, tracks.artistGenres(new int[0][]).build(), user, probes);
    }

    private int dense(int trackId, Int2IntOpenHashMap denseTrack, Int2IntOpenHashMap denseArtist,
                      TrackCatalog.Builder tracks) {
        int t = denseTrack.getOrDefault(trackId, -1);
        if (t < 0) {
            int artist = denseArtist.computeIfAbsent(catalogue.artistOf()[trackId], a -> denseArtist.size());
            t = tracks.add(artist, catalogue.durationMs()[trackId], catalogue.sizeBytes()[trackId]);
            denseTrack.put(trackId, t);
        }
        return t;
    }

    private int firstAtOrAfter(IntArrayList events, long tsMillis) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeline.ts(events.getInt(mid)) < tsMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
