package io.setlist.scheduler.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.infra.store.RunScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which run this node serves, and how. One background thread reads the run pointer every
 * {@code refreshMillis}; when it names a new run, the thread loads that run whole into a {@link RunSnapshot}
 * (parallel segment scans) while the previous run keeps serving, and swaps it in with one volatile write once it
 * is complete (every user the pointer counts, every tier). A request takes {@link #require()} once, so no answer
 * mixes two runs, and no request thread ever waits on DynamoDB for the pointer.
 *
 * <ul>
 *   <li>A run over the budget ({@code SETLIST_API_SNAPSHOT_MIB}: estimated from the pointer's user count before
 *       loading, then counted while loading), or one the compact form cannot hold exactly, is served
 *       {@link ReadThroughRun read-through} instead: said in the log, in {@code /metrics}
 *       ({@code setlist_api_snapshot_active 0}) and in {@code /health/ready} ({@code mode}).</li>
 *   <li>A store that stops answering leaves the loaded run serving (stale, and {@code /health/ready} says
 *       DEGRADED with the reason); the node catches up on the first pointer read that succeeds.</li>
 *   <li>A failed load is retried with backoff (1 s doubling to 60 s); the previous run serves meanwhile.</li>
 * </ul>
 */
final class RunServing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunServing.class);
    /** Parallel scan segments of a load: enough to keep a store busy, few enough for a 2-core node. */
    static final int SCAN_SEGMENTS = 8;
    /** Bytes a user is assumed to take before any run was loaded: 100 artists at 8 bytes, the key, overhead. */
    static final long FIRST_BYTES_PER_USER = 1024;

    private final PublishedRuns runs;
    private final RunCache cache;
    private final long budgetBytes;
    private final ScheduledExecutorService poller;

    private volatile ServedRun serving;
    private volatile String fallbackReason;
    private volatile CurrentRun loadingRun;
    private volatile RunSnapshotBuilder loading;
    private volatile String storeError;
    private volatile Instant storeErrorSince;
    private volatile Instant pointerReadAt;
    private volatile String loadError;
    private volatile double lastLoadSeconds = Double.NaN;
    private volatile double lastFlipSeconds = Double.NaN;
    private long bytesPerUserHint = FIRST_BYTES_PER_USER;
    private int itemsPerUserHint = 100;
    private String failedRunId;
    private int failures;
    private long retryAtNanos;

    private RunServing(PublishedRuns runs, RunCache cache, long budgetBytes, long refreshMillis, MeterRegistry registry) {
        this.runs = runs;
        this.cache = cache;
        this.budgetBytes = budgetBytes;
        Gauge.builder("setlist.api.snapshot.bytes", this, s -> s.snapshot() == null ? 0 : s.snapshot().bytes())
                .description("heap held by the in-memory run (0 when read-through)").baseUnit("bytes").register(registry);
        Gauge.builder("setlist.api.snapshot.users", this, s -> s.snapshot() == null ? 0 : s.snapshot().users())
                .description("users of the in-memory run").register(registry);
        Gauge.builder("setlist.api.snapshot.active", this, s -> s.snapshot() != null ? 1 : 0)
                .description("1 when the served run is in memory, 0 when it is read through from DynamoDB")
                .register(registry);
        Gauge.builder("setlist.api.snapshot.budget", this, s -> s.budgetBytes).baseUnit("bytes").register(registry);
        Gauge.builder("setlist.api.snapshot.load.seconds", this, s -> s.lastLoadSeconds)
                .description("duration of the last snapshot load").register(registry);
        Gauge.builder("setlist.api.snapshot.flip.seconds", this, s -> s.lastFlipSeconds)
                .description("from this node first seeing a new pointer to serving that run").register(registry);
        Gauge.builder("setlist.api.pointer.age.seconds", this, s -> s.pointerReadAt == null ? Double.NaN
                        : (System.currentTimeMillis() - s.pointerReadAt.toEpochMilli()) / 1000.0)
                .description("seconds since the run pointer was last read successfully").register(registry);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-serving");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts following the pointer at once; the first run is loaded in the background. */
    static RunServing start(PublishedRuns runs, RunCache cache, long budgetBytes, long refreshMillis,
                            MeterRegistry registry) {
        return new RunServing(runs, cache, budgetBytes, refreshMillis, registry);
    }

    /** The run to answer from; 503 while none is servable yet. */
    ServedRun require() {
        ServedRun run = serving;
        if (run != null) {
            return run;
        }
        CurrentRun pending = loadingRun;
        if (pending != null) {
            throw ApiError.unavailable("run " + pending.runId() + " is loading on this node; retry shortly");
        }
        throw ApiError.notReady();
    }

    /** What {@code /health/ready} reports. */
    record State(ServedRun serving, String fallbackReason, CurrentRun loadingRun, int loadedUsers, String storeError,
                 Instant storeErrorSince, Instant pointerReadAt, String loadError) {
    }

    State state() {
        RunSnapshotBuilder builder = loading;
        return new State(serving, fallbackReason, loadingRun, builder == null ? 0 : builder.users(), storeError,
                storeErrorSince, pointerReadAt, loadError);
    }

    private RunSnapshot snapshot() {
        return serving instanceof RunSnapshot s ? s : null;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (Throwable e) {
            // The poller must survive anything, or the node would silently stop following the pointer.
            LOG.error("run pointer poll failed", e);
        }
    }

    /** One step: read the pointer; load and swap in a new run. Runs on the poller thread only. */
    void poll() {
        CurrentRun next;
        try {
            next = runs.currentRun().orElse(null);
        } catch (RuntimeException e) {
            storeFailed("reading the run pointer", e);
            return;
        }
        if (storeError != null) {
            LOG.info("the store answers again (unreachable since {})", storeErrorSince);
        }
        storeError = null;
        storeErrorSince = null;
        pointerReadAt = Instant.now();
        ServedRun current = serving;
        if (next == null || (current != null && current.run().runId().equals(next.runId()))) {
            return;
        }
        if (next.runId().equals(failedRunId) && System.nanoTime() < retryAtNanos) {
            return;
        }
        load(next);
    }

    private void load(CurrentRun next) {
        long seen = System.nanoTime();
        if (budgetBytes <= 0) {
            serveReadThrough(next, "SETLIST_API_SNAPSHOT_MIB is 0", seen);
            return;
        }
        long estimate = next.users() * bytesPerUserHint;
        if (estimate > budgetBytes) {
            serveReadThrough(next, String.format("run %s is estimated at %d MiB (%d users × %d bytes), over the "
                    + "%d MiB snapshot budget (SETLIST_API_SNAPSHOT_MIB)", next.runId(), estimate >> 20, next.users(),
                    bytesPerUserHint, budgetBytes >> 20), seen);
            return;
        }
        RunSnapshotBuilder builder = new RunSnapshotBuilder(next, budgetBytes, itemsPerUserHint);
        loading = builder;
        loadingRun = next;
        try {
            RunScan scan = runs.scan(SCAN_SEGMENTS);
            scan.users(next.runId(), builder::add);
            if (builder.users() != next.users()) {
                throw new IllegalStateException("the scan found " + builder.users() + " users of run " + next.runId()
                        + " but its pointer counts " + next.users() + "; not serving an incomplete run");
            }
            for (String tier : next.tiers()) {
                List<CachePriority> entries = scan.tier(next.runId(), tier);
                if (entries.isEmpty()) {
                    throw new IllegalStateException("tier " + tier + " of run " + next.runId() + " has no entries");
                }
                builder.tier(tier, entries);
            }
            RunSnapshot snapshot = builder.build(cache.memoryLookups());
            swap(snapshot, null);
            double seconds = (System.nanoTime() - seen) / 1e9;
            lastLoadSeconds = seconds;
            lastFlipSeconds = seconds;
            if (snapshot.users() > 0) {
                bytesPerUserHint = Math.max(64, snapshot.bytes() / snapshot.users());
                itemsPerUserHint = Math.max(1, (int) Math.ceil(snapshot.items() / (double) snapshot.users()));
            }
            failedRunId = null;
            failures = 0;
            loadError = null;
            LOG.info("serving run {} from memory: {} users, {} MiB ({} bytes a user), loaded in {} s",
                    next.runId(), snapshot.users(), snapshot.bytes() >> 20,
                    snapshot.users() == 0 ? 0 : snapshot.bytes() / snapshot.users(), String.format("%.1f", seconds));
        } catch (RunSnapshotBuilder.Refused e) {
            serveReadThrough(next, e.getMessage(), seen);
        } catch (RuntimeException e) {
            failedRunId = next.runId();
            failures++;
            long backoff = Math.min(60_000L, 1000L << Math.min(failures - 1, 6));
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
            loadError = "run " + next.runId() + " could not be loaded (attempt " + failures + "): " + e.getMessage();
            if (e instanceof software.amazon.awssdk.core.exception.SdkException) {
                storeFailed("loading run " + next.runId(), e);
            }
            LOG.warn("{}; {} keeps serving; retry in {} s", loadError,
                    serving == null ? "nothing" : serving.run().runId(), backoff / 1000);
        } finally {
            loading = null;
            loadingRun = null;
        }
    }

    private void serveReadThrough(CurrentRun next, String reason, long seen) {
        swap(new ReadThroughRun(next, cache), reason);
        lastFlipSeconds = (System.nanoTime() - seen) / 1e9;
        failedRunId = null;
        failures = 0;
        loadError = null;
        LOG.warn("serving run {} read-through from DynamoDB, not from memory: {}", next.runId(), reason);
    }

    private void swap(ServedRun next, String reason) {
        ServedRun previous = serving;
        fallbackReason = reason;
        serving = next;
        // Entries are keyed by run id, so this only frees the old run's memory at once.
        cache.dropAll();
        if (previous != null) {
            LOG.info("run {} replaces run {}", next.run().runId(), previous.run().runId());
        }
    }

    private void storeFailed(String what, RuntimeException e) {
        if (storeError == null) {
            storeErrorSince = Instant.now();
            LOG.warn("the store does not answer ({}): {}; {} keeps serving", what, e.getMessage(),
                    serving == null ? "nothing" : "run " + serving.run().runId());
        }
        storeError = what + ": " + e.getMessage();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
