package io.setlist.recommender.completion;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.Arrays;

/**
 * One pass over a {@link ListeningLog} in (timestamp, source order) that labels every PLAY and writes its features
 * from running counters read <em>before</em> the PLAY updates them; see {@link PlayFeatures} for the rules.
 *
 * <p><b>Probes.</b> A {@link PlayProbe} is a play that may happen: it gets the feature row a PLAY of that user and
 * track at that time would get, and changes nothing. It is placed where such a PLAY would be: after every event
 * stamped before it, and among the events stamped at the same millisecond, before the first PLAY (a SKIP logged at
 * the moment the next play starts is known when it starts). Its session is the one of the user's latest session
 * event if that was at most {@link PlayFeatures#SESSION_GAP_MS} before, else a new one.
 */
final class FeatureReplay {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;
    /** Prior strengths (pseudo-plays) of the smoothed rates: small for the user, whose rate matters most. */
    private static final double USER_PRIOR = 5;
    private static final double ITEM_PRIOR = 5;
    private static final double PAIR_PRIOR = 3;
    /** The user's latest plays kept for the recent skip rates: users drift, a lifetime rate lags. */
    private static final int RECENT = 20;

    /** Session state while it is being replayed. */
    static final class Session {
        int plays;
        int skips;
        int ads;
        long startTs;
        int lastPlayRow = -1;
        final Int2IntOpenHashMap latestOpen = new Int2IntOpenHashMap();

        Session(long startTs) {
            this.startTs = startTs;
            latestOpen.defaultReturnValue(-1);
        }
    }

    final ListeningLog log;
    final TrackCatalog catalog;
    final Listeners listeners;
    final int d = PlayFeatures.NAMES.length;
    final int users;
    final int[] userPlays;
    final int[] userSkips;
    final int[] userLikes;
    final int[] userAds;
    final int[] userStatusPlays;
    final int[] userStatusSkips;
    final boolean[] premium;
    final int[] recentRows;
    final int[] trackPlays;
    final int[] trackSkips;
    final int[] artistPlays;
    final int[] artistSkips;
    final Long2IntOpenHashMap pairPlays;
    final Long2IntOpenHashMap pairSkips;
    final Long2IntOpenHashMap userTrackLikes;
    /** (user, genre) plays and skips, summed over the genres of the track's artist. */
    final Long2IntOpenHashMap genrePlays;
    final Long2IntOpenHashMap genreSkips;
    final Long2ObjectOpenHashMap<Session> sessions;
    long globalPlays;
    long globalSkips;
    int rows;
    /** Rows of the log's PLAYs; allocated by {@link #run} only (probes do not write them). */
    double[] x;
    byte[] completed;
    long[] ts;
    int[] user;
    int[] track;
    int[] previousOpen;
    boolean[] premiumAtPlay;
    long orphanSkips;
    /** Whether the log's PLAYs get feature rows (training); probes need only the counters, not those rows. */
    private boolean playRows = true;
    /** Session key and time of each user's latest event that belongs to a session, for probes. */
    final long[] lastSessionKey;
    final long[] lastSessionTs;

    FeatureReplay(ListeningLog log, TrackCatalog catalog, Listeners listeners) {
        this.log = log;
        this.catalog = catalog;
        this.listeners = listeners;
        // Sized to the log, up to 65,536 keys: a serving probe replays one user's few hundred events, and growing
        // six maps from 16 slots took a tenth of a 1,000-play request's time (rehashing) at 50M events.
        int keys = Math.max(16, Math.min(log.size(), 1 << 16));
        pairPlays = new Long2IntOpenHashMap(keys);
        pairSkips = new Long2IntOpenHashMap(keys);
        userTrackLikes = new Long2IntOpenHashMap(keys);
        genrePlays = new Long2IntOpenHashMap(keys);
        genreSkips = new Long2IntOpenHashMap(keys);
        sessions = new Long2ObjectOpenHashMap<>(Math.max(16, Math.min(log.size() / 8, 1 << 13)));
        users = listeners.users();
        userPlays = new int[users];
        userSkips = new int[users];
        userLikes = new int[users];
        userAds = new int[users];
        userStatusPlays = new int[users];
        userStatusSkips = new int[users];
        premium = listeners.premiumAtStart().clone();
        recentRows = new int[users * RECENT];
        trackPlays = new int[catalog.tracks()];
        trackSkips = new int[catalog.tracks()];
        int artists = 0;
        for (int t = 0; t < catalog.tracks(); t++) {
            artists = Math.max(artists, catalog.artist(t) + 1);
        }
        artistPlays = new int[artists];
        artistSkips = new int[artists];
        // Sized to the log: a serving probe replays one user's events, and would otherwise allocate 1,024 rows each.
        int capacity = Math.max(16, Math.min(1024, log.size()));
        completed = new byte[capacity];
        ts = new long[capacity];
        user = new int[capacity];
        track = new int[capacity];
        previousOpen = new int[capacity];
        premiumAtPlay = new boolean[capacity];
        lastSessionKey = new long[users];
        lastSessionTs = new long[users];
        Arrays.fill(lastSessionTs, Long.MIN_VALUE);
    }

    FeatureTable run() {
        x = new double[completed.length * d];
        replay(new PlayProbe[0], null);
        return new FeatureTable(PlayFeatures.NAMES, Arrays.copyOf(x, rows * d), Arrays.copyOf(completed, rows),
                Arrays.copyOf(ts, rows), Arrays.copyOf(user, rows), Arrays.copyOf(track, rows));
    }

    /** Feature rows (row-major) of {@code probes}, each as a PLAY at its time would have them; the log decides nothing else. */
    double[] probe(PlayProbe[] probes) {
        playRows = false;
        double[] out = new double[probes.length * d];
        replay(probes, out);
        return out;
    }

    private void replay(PlayProbe[] probes, double[] probeRows) {
        Integer[] byTime = new Integer[probes.length];
        for (int i = 0; i < probes.length; i++) {
            byTime[i] = i;
        }
        Arrays.sort(byTime, (a, b) -> Long.compare(probes[a].ts(), probes[b].ts()));
        int next = 0;
        for (int e : log.chronological()) {
            long now = log.ts(e);
            byte kind = log.kind(e);
            while (next < probes.length && (probes[byTime[next]].ts() < now
                    || probes[byTime[next]].ts() == now && kind == ListeningLog.PLAY)) {
                int i = byTime[next++];
                probe(probes[i], probeRows, i * d);
            }
            int u = log.user(e);
            if (log.session(e) != Long.MIN_VALUE || kind == ListeningLog.PLAY || kind == ListeningLog.SKIP
                    || kind == ListeningLog.ADVERTISEMENT) {
                lastSessionKey[u] = sessionKey(e, u);
                lastSessionTs[u] = now;
            }
            switch (log.kind(e)) {
                case ListeningLog.PLAY -> play(e, u);
                case ListeningLog.SKIP -> skip(e, u);
                case ListeningLog.LIKE -> {
                    userLikes[u]++;
                    if (log.track(e) >= 0) {
                        userTrackLikes.addTo(pair(u, log.track(e)), 1);
                    }
                }
                case ListeningLog.ADVERTISEMENT -> {
                    userAds[u]++;
                    session(e, u).ads++;
                }
                case ListeningLog.BUY_PREMIUM -> {
                    if (!premium[u]) {
                        premium[u] = true;
                        userStatusPlays[u] = 0;
                        userStatusSkips[u] = 0;
                    }
                }
                default -> { }
            }
        }
        while (next < probes.length) {
            int i = byTime[next++];
            probe(probes[i], probeRows, i * d);
        }
    }

    private void probe(PlayProbe p, double[] out, int offset) {
        int u = p.user();
        Session s = null;
        if (lastSessionTs[u] != Long.MIN_VALUE && p.ts() - lastSessionTs[u] <= PlayFeatures.SESSION_GAP_MS) {
            s = sessions.get(lastSessionKey[u]);
        }
        if (s == null) {
            s = new Session(p.ts());
        }
        double global = p.globalPlays() >= 0 ? globalRate(p.globalSkips(), p.globalPlays())
                : globalRate(globalSkips, globalPlays);
        int t = p.track();
        int a = catalog.artist(t);
        PlayProbe.ItemCounts items = p.items() != null ? p.items()
                : new PlayProbe.ItemCounts(trackPlays[t], trackSkips[t], artistPlays[a], artistSkips[a]);
        write(u, t, p.ts(), s, global, items, out, offset);
    }

    private static double globalRate(long skips, long plays) {
        return (skips + 0.35 * 10) / (plays + 10);
    }

    private Session session(int e, int u) {
        long key = sessionKey(e, u);
        Session s = sessions.get(key);
        if (s == null) {
            s = new Session(log.ts(e));
            sessions.put(key, s);
        }
        return s;
    }

    /** Events without a session id (Long.MIN_VALUE) share one pseudo-session per user. */
    private long sessionKey(int e, int u) {
        long id = log.session(e);
        return id == Long.MIN_VALUE ? Long.MIN_VALUE + 1 + u : id;
    }

    private void skip(int e, int u) {
        Session s = session(e, u);
        int t = log.track(e);
        int row = s.latestOpen.get(t);
        if (row < 0) {
            orphanSkips++;
            return;
        }
        if (previousOpen[row] < 0) {
            s.latestOpen.remove(t);
        } else {
            s.latestOpen.put(t, previousOpen[row]);
        }
        completed[row] = 0;
        int pu = user[row];
        userSkips[pu]++;
        if (premiumAtPlay[row] == premium[pu]) {
            userStatusSkips[pu]++;
        }
        trackSkips[t]++;
        artistSkips[catalog.artist(t)]++;
        pairSkips.addTo(pair(pu, catalog.artist(t)), 1);
        pairSkips.addTo(pairTrack(pu, t), 1);
        for (int g : catalog.genres(catalog.artist(t))) {
            genreSkips.addTo(pair(pu, g), 1);
        }
        globalSkips++;
        s.skips++;
    }

    private void play(int e, int u) {
        if (rows == completed.length) {
            grow();
        }
        int row = rows++;
        int t = log.track(e);
        int a = catalog.artist(t);
        long now = log.ts(e);
        Session s = session(e, u);
        if (playRows) {
            write(u, t, now, s, globalRate(globalSkips, globalPlays),
                    new PlayProbe.ItemCounts(trackPlays[t], trackSkips[t], artistPlays[a], artistSkips[a]), x, row * d);
        }

        completed[row] = 1;
        ts[row] = now;
        user[row] = u;
        track[row] = t;
        premiumAtPlay[row] = premium[u];
        previousOpen[row] = s.latestOpen.put(t, row);
        s.lastPlayRow = row;
        recentRows[u * RECENT + userPlays[u] % RECENT] = row;
        s.plays++;
        userPlays[u]++;
        userStatusPlays[u]++;
        trackPlays[t]++;
        artistPlays[a]++;
        pairPlays.addTo(pair(u, a), 1);
        pairPlays.addTo(pairTrack(u, t), 1);
        for (int g : catalog.genres(a)) {
            genrePlays.addTo(pair(u, g), 1);
        }
        globalPlays++;
    }

    /**
     * The feature row of a play of {@code t} by {@code u} starting {@code now} in {@code s}, from the counters as they
     * are and the track's and artist's window counts {@code items}.
     */
    private void write(int u, int t, long now, Session s, double global, PlayProbe.ItemCounts items, double[] x,
                       int o) {
        int a = catalog.artist(t);
        double userRate = rate(userSkips[u], userPlays[u], global, USER_PRIOR);
        long ua = pair(u, a);
        long ut = pairTrack(u, t);
        int c = 0;
        x[o + c++] = userRate;
        x[o + c++] = Math.log1p(userPlays[u]);
        x[o + c++] = recentSkipRate(u, RECENT, userRate);
        x[o + c++] = recentSkipRate(u, 5, userRate);
        x[o + c++] = rate(userStatusSkips[u], userStatusPlays[u], userRate, USER_PRIOR);
        x[o + c++] = (userLikes[u] + 0.1) / (userPlays[u] + 1.0);
        x[o + c++] = Math.log1p(userAds[u]);
        x[o + c++] = rate(items.trackSkips(), items.trackPlays(), global, ITEM_PRIOR);
        x[o + c++] = Math.log1p(items.trackPlays());
        x[o + c++] = rate(items.artistSkips(), items.artistPlays(), global, ITEM_PRIOR);
        x[o + c++] = Math.log1p(items.artistPlays());
        x[o + c++] = rate(pairSkips.get(ua), pairPlays.get(ua), userRate, PAIR_PRIOR);
        x[o + c++] = Math.log1p(pairPlays.get(ua));
        int[] genres = catalog.genres(a);
        int gPlays = 0;
        int gSkips = 0;
        for (int g : genres) {
            gPlays += genrePlays.get(pair(u, g));
            gSkips += genreSkips.get(pair(u, g));
        }
        x[o + c++] = rate(gSkips, gPlays, userRate, PAIR_PRIOR);
        x[o + c++] = Math.log1p(gPlays);
        x[o + c++] = Math.log1p(pairPlays.get(ut));
        x[o + c++] = rate(pairSkips.get(ut), pairPlays.get(ut), userRate, PAIR_PRIOR);
        x[o + c++] = userTrackLikes.get(pair(u, t)) > 0 ? 1 : 0;
        x[o + c++] = Math.log1p(s.plays);
        x[o + c++] = rate(s.skips, s.plays, userRate, 2);
        boolean hasPrevious = s.lastPlayRow >= 0;
        x[o + c++] = hasPrevious && completed[s.lastPlayRow] == 0 ? 1 : 0;
        int before = hasPrevious && s.plays >= 2 ? recentRows[u * RECENT + (userPlays[u] - 2) % RECENT] : -1;
        x[o + c++] = before >= 0 && completed[before] == 0 ? 1 : 0;
        x[o + c++] = hasPrevious ? 1 : 0;
        x[o + c++] = Math.min(s.ads, 10);
        x[o + c++] = Math.log1p(Math.max(0, now - s.startTs) / 60_000.0);
        double hour = Math.floorMod(now, DAY_MS) / (double) HOUR_MS;
        x[o + c++] = Math.sin(2 * Math.PI * hour / 24);
        x[o + c++] = Math.cos(2 * Math.PI * hour / 24);
        long dayOfWeek = Math.floorMod(Math.floorDiv(now, DAY_MS) + 3, 7); // 0 = Monday; 1970-01-01 a Thursday
        x[o + c++] = dayOfWeek >= 5 ? 1 : 0;
        x[o + c++] = catalog.durationMs(t) / 60_000.0;
        x[o + c++] = known(catalog.popularity(t), 50) / 100.0;
        x[o + c++] = Math.max(0, catalog.explicit(t));
        int year = catalog.releaseYear(t);
        x[o + c++] = year == 0 ? 0 : Math.max(0, 1970 + now / (365.2425 * DAY_MS) - year);
        x[o + c++] = overlap(listeners.favouriteGenres()[u], catalog.genres(a));
        x[o + c++] = premium[u] ? 1 : 0;
        for (int f = 0; f < TrackCatalog.AUDIO.length; f++) {
            x[o + c++] = known(catalog.audio(t, f), 0);
        }
    }

    /** Skips known now among the user's last {@code k} plays, smoothed toward {@code prior}. */
    private double recentSkipRate(int u, int k, double prior) {
        int m = Math.min(k, userPlays[u]);
        int skips = 0;
        for (int j = 1; j <= m; j++) {
            if (completed[recentRows[u * RECENT + (userPlays[u] - j) % RECENT]] == 0) {
                skips++;
            }
        }
        return rate(skips, m, prior, 2);
    }

    private void grow() {
        int capacity = completed.length * 2;
        if (playRows) {
            x = Arrays.copyOf(x, capacity * d);
        }
        completed = Arrays.copyOf(completed, capacity);
        ts = Arrays.copyOf(ts, capacity);
        user = Arrays.copyOf(user, capacity);
        track = Arrays.copyOf(track, capacity);
        previousOpen = Arrays.copyOf(previousOpen, capacity);
        premiumAtPlay = Arrays.copyOf(premiumAtPlay, capacity);
    }

    private static double rate(int skips, int plays, double prior, double strength) {
        return (skips + strength * prior) / (plays + strength);
    }

    private static double known(float value, double neutral) {
        return Float.isNaN(value) ? neutral : value;
    }

    /** (user, artist) and (user, track) keys live in one map each; the high bit tells tracks apart. */
    private static long pair(int u, int other) {
        return ((long) u << 32) | (other & 0xffffffffL);
    }

    private static long pairTrack(int u, int t) {
        return Long.MIN_VALUE | ((long) u << 32) | (t & 0xffffffffL);
    }

    private static int overlap(int[] a, int[] b) {
        int n = 0;
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    n++;
                }
            }
        }
        return n;
    }
}
