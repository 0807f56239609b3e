package io.setlist.sql.completion;

import io.setlist.recommender.completion.PlayFeatures;
import io.setlist.recommender.completion.timeline.ListeningTimeline;
import io.setlist.recommender.completion.timeline.TimelineFeatures;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The online feature store: completion feature rows served from memory, equal bit for bit to the daily replay's
 * (and so to {@link FeatureSnapshot}'s), without a window scan per request.
 *
 * <p><b>What it holds.</b> A {@link ListeningTimeline} of every event from the start of the window of the latest
 * event's UTC day, {@code extraDays} earlier still (so the day before is served too), with the catalogue and premium
 * flags. It is built from PostgreSQL on first use (so a restart, or a second node, rebuilds the same state from the
 * events) and brought forward before each request by the events loaded since (one index lookup by event id; nothing
 * when nothing was imported). An event stamped before the latest one held (a late file), or a window start moved a
 * week past the held start, rebuilds it.
 *
 * <p><b>Cost.</b> Per play: a replay of its user's events in the window and a few binary searches; per request: one
 * query for the latest event id. Memory: about 60 bytes an event held. Plays it cannot describe (a window older than
 * it holds, a user or track newer than its catalogue) are computed by {@link FeatureSnapshot}, the same rows slower.
 *
 * <p>Thread-safe: requests read under a shared lock; bringing it forward takes the exclusive one.
 */
public final class FeatureStore implements PlayFeatureSource {
    private static final long DAY_MS = 86_400_000L;
    private static final int REBUILD_AFTER_DAYS = 7;

    private final TimelineLoader loader;
    private final FeatureSnapshot fallback;
    private final int historyDays;
    private final int extraDays;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private TimelineFeatures features;
    private final long[] latestId = {Long.MIN_VALUE};
    private final java.util.concurrent.atomic.AtomicLong fromMemory = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param historyDays the daily replay's window, in UTC days
     * @param extraDays   days held before the latest day's window, for plays of earlier days
     */
    public FeatureStore(DataSource ds, int historyDays, int extraDays) {
        this.loader = new TimelineLoader(ds);
        this.fallback = new FeatureSnapshot(ds, historyDays);
        this.historyDays = historyDays;
        this.extraDays = extraDays;
    }

    @Override
    public double[] features(List<FeatureSnapshot.Play> plays) {
        return features(plays, loader.latestEvent());
    }

    /** As {@link #features(List)}, brought forward to {@code latestEvent} the caller read (no query of its own). */
    @Override
    public double[] features(List<FeatureSnapshot.Play> plays, long[] latestEvent) {
        refresh(latestEvent);
        int d = PlayFeatures.NAMES.length;
        IntArrayList held = new IntArrayList(plays.size());
        List<FeatureSnapshot.Play> others = new ArrayList<>();
        IntArrayList otherIndex = new IntArrayList();
        double[] out = new double[plays.size() * d];
        lock.readLock().lock();
        try {
            for (int i = 0; i < plays.size(); i++) {
                FeatureSnapshot.Play p = plays.get(i);
                if (features != null && features.covers(p.userId(), p.trackId(), p.tsMillis())) {
                    held.add(i);
                } else {
                    others.add(p);
                    otherIndex.add(i);
                }
            }
            int[] users = new int[held.size()];
            int[] tracks = new int[held.size()];
            long[] ts = new long[held.size()];
            for (int k = 0; k < held.size(); k++) {
                FeatureSnapshot.Play p = plays.get(held.getInt(k));
                users[k] = p.userId();
                tracks[k] = p.trackId();
                ts[k] = p.tsMillis();
            }
            double[] rows = held.isEmpty() ? new double[0] : features.features(users, tracks, ts);
            fromMemory.addAndGet(held.size());
            for (int k = 0; k < held.size(); k++) {
                System.arraycopy(rows, k * d, out, held.getInt(k) * d, d);
            }
        } finally {
            lock.readLock().unlock();
        }
        if (!others.isEmpty()) {
            double[] rows = fallback.features(others);
            for (int k = 0; k < others.size(); k++) {
                System.arraycopy(rows, k * d, out, otherIndex.getInt(k) * d, d);
            }
        }
        return out;
    }

    /** Plays served from memory so far (the others were computed by {@link FeatureSnapshot}). */
    public long servedFromMemory() {
        return fromMemory.get();
    }

    /** Events held, after bringing the store forward (for logs and benchmarks). */
    public int events() {
        refresh();
        lock.readLock().lock();
        try {
            return features == null ? 0 : features.timeline().events();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Brings the store up to the events table: builds it if new, else adds the events loaded since. */
    public void refresh() {
        refresh(loader.latestEvent());
    }

    /**
     * As {@link #refresh()}, to the latest event {@code {ts millis, event_id}} the caller read (as
     * {@code completion/store_latest_event.sql} does; null when there are none): a prediction request reads it in the
     * same statement as its keys and models.
     */
    public void refresh(long[] latest) {
        lock.readLock().lock();
        try {
            if (latest == null || features != null && latest[1] <= latestId[0]) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            long start = windowStart(latest[0]) - extraDays * DAY_MS;
            if (features == null || start - features.timeline().start() > REBUILD_AFTER_DAYS * DAY_MS) {
                rebuild(start);
                return;
            }
            if (latest[1] <= latestId[0]) {
                return; // another request brought it forward meanwhile
            }
            TimelineFeatures.Catalogue catalogue = loader.catalogue();
            features.timeline().useArtists(catalogue.artistOf());
            features = new TimelineFeatures(features.timeline(), catalogue, historyDays);
            if (!loader.after(features.timeline(), latestId)) {
                rebuild(start);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Reads it all again; a track imported while it reads (so missing from its catalogue) makes it try again. */
    private void rebuild(long start) {
        for (int attempt = 1; ; attempt++) {
            TimelineFeatures.Catalogue catalogue = loader.catalogue();
            ListeningTimeline timeline = new ListeningTimeline(start, catalogue.artistOf());
            latestId[0] = Long.MIN_VALUE;
            if (loader.since(start, timeline, latestId)) {
                features = new TimelineFeatures(timeline, catalogue, historyDays);
                return;
            }
            if (attempt == 3) {
                features = null;
                throw new IllegalStateException("feature store: the events kept naming tracks the catalogue did "
                        + "not have yet, 3 reads in a row");
            }
        }
    }

    private long windowStart(long tsMillis) {
        return (Math.floorDiv(tsMillis, DAY_MS) + 1 - historyDays) * DAY_MS;
    }
}
