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
 * flags. It is built from PostgreSQL (so a restart, or a second node, rebuilds the same state from the events: nothing
 * is persisted but the events themselves, which is what keeps it consistent with them) and brought forward before
 * each request by the events loaded since (one index lookup by event id; nothing when nothing was imported). An
 * event stamped before the latest one held (a late file), or a window start moved a week past the held start,
 * rebuilds it.
 *
 * <p><b>Who builds it.</b> A serving node starts {@link #warmInBackground()} at start-up, and {@code /health/ready}
 * says {@code NOT_READY} ({@link #notReady()}) until it is built, so no request pays the build (tens of seconds at
 * tens of millions of events). The daily {@code completion} stage of the node that runs it calls {@link #refresh()}
 * once its outputs are written, so the store is brought forward by the daily run as well as by requests. Without
 * either (a benchmark, a test), the first request builds it.
 *
 * <p><b>Cost.</b> Per play: a replay of its user's events in the window and a few binary searches; per request: one
 * query for the latest event id. Memory: about 150 bytes an event held, catalogue included (measured by
 * {@code bench predictions --events 2000000}: 194 MiB for 1.33M events), twice that while a rebuild replaces it. Plays it cannot describe (a window older than
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
    /** Set once a refresh has completed: from then on requests never wait for a full build but after a rebuild. */
    private volatile boolean built;
    private volatile String warmUpError;

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

    /** The largest event id held (after the last refresh; not refreshed by this call); {@code Long.MIN_VALUE} if none. */
    public long latestEventId() {
        lock.readLock().lock();
        try {
            return latestId[0];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Builds the store on a daemon thread ({@code feature-store-warm-up}) and returns at once; {@link #notReady()}
     * says so until a refresh completes. A failure is kept for {@link #notReady()}; the next request tries again.
     */
    public Thread warmInBackground() {
        Thread t = new Thread(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                warmUpError = e.getMessage();
            }
        }, "feature-store-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public java.util.Optional<String> notReady() {
        if (built) {
            return java.util.Optional.empty();
        }
        String error = warmUpError;
        return java.util.Optional.of(error == null ? "the feature store is being built from the events"
                : "the feature store could not be built (" + error + "); the next prediction request tries again");
    }

    /** Brings the store up to the events table: builds it if new, else adds the events loaded since. */
    @Override
    public void refresh() {
        refresh(loader.latestEvent());
    }

    /**
     * As {@link #refresh()}, to the latest event {@code {ts millis, event_id}} the caller read (as
     * {@code completion/store_latest_event.sql} does; null when there are none): a prediction request reads it in the
     * same statement as its keys and models.
     */
    public void refresh(long[] latest) {
        refreshTo(latest);
        built = true;
    }

    private void refreshTo(long[] latest) {
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
