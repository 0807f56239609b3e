package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes one run atomically: every item is written under the new run id beside the current run, and only
 * {@link Session#commit()} moves {@link RunPointer}. A session closed without commit, a failed write, or a process
 * killed mid-way leaves readers on the previous run; publishing the same run again overwrites the same keys, so
 * it is idempotent.
 */
public final class RunPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);

    private final DynamoDbClient client;
    private final DynamoTables tables;
    private final BatchWriter writer;
    private final int threads;
    private final Duration ttl;

    /** Items expire after {@link #DEFAULT_TTL}: far longer than any run is served, so TTL never hits a live run. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);

    public RunPublisher(DynamoDbClient client, DynamoTables tables, int threads, int maxAttempts) {
        this(client, tables, threads, maxAttempts, DEFAULT_TTL);
    }

    public RunPublisher(DynamoDbClient client, DynamoTables tables, int threads, int maxAttempts, Duration ttl) {
        this.client = client;
        this.tables = tables;
        this.threads = threads;
        this.ttl = ttl;
        this.writer = new BatchWriter(client, maxAttempts, 50, 5_000);
    }

    /** What a publish wrote. */
    /**
     * @param usersSkipped users not published because their key is over {@link ItemLimits#MAX_KEY_BYTES}
     * @param listsCut     users whose list lost artists to {@link ItemLimits}' rules (over-long keys, item size)
     */
    public record Report(String runId, long users, long cacheEntries, long items, long retries, double seconds,
                         long usersSkipped, long listsCut) {
    }

    /** Starts writing {@code run}; the caller adds users and tiers, then commits. */
    public Session open(CurrentRun run) {
        return new Session(run);
    }

    /** One run being written. Not thread-safe: one producer adds, a pool writes. */
    public final class Session implements AutoCloseable {
        private final CurrentRun run;
        private final String expected;
        private final Instant startedAt = Instant.now();
        private final Instant expiresAt;
        private final long retriesBefore = writer.retries();
        private final long start = System.nanoTime();
        private final ExecutorService pool;
        // Bounded in-flight batches keep memory flat however many users the run has.
        private final Semaphore inFlight = new Semaphore(threads * 4);
        // The first failure of any writer, an Error included: a writer thread that dies must stop the flip.
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Batches handed to the pool, and batches a writer confirmed as written: the pointer moves only when the
        // two agree, so a batch whose writer never reported (a dead thread, a task the pool dropped) fails the run.
        private long batchesSubmitted;
        private final AtomicLong batchesWritten = new AtomicLong();
        private final List<String> tiers = new ArrayList<>();
        private List<Map<String, AttributeValue>> batch = new ArrayList<>(BatchWriter.MAX_BATCH);
        private long users;
        private long usersSkipped;
        private long listsCut;
        private long cacheEntries;
        private long items;
        private boolean committed;

        private Session(CurrentRun run) {
            this.run = run;
            this.expiresAt = run.generatedAt().plus(ttl);
            this.expected = new RunPointer(client, tables).current().map(CurrentRun::runId).orElse(null);
            if (!run.runId().equals(expected)) {
                // Re-publishing the current run must not mark it as being written.
                new RunRecords(client, tables).writing(run.runId(), startedAt);
            }
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "publish-" + run.runId());
                t.setDaemon(true);
                return t;
            });
        }

        /** Adds one user; a user whose key cannot be published is skipped and counted (see {@link ItemLimits}). */
        public void add(UserRecommendations user) {
            throwIfFailed();
            if (!ItemLimits.publishableKey(user.userKey())) {
                if (usersSkipped++ < 10) {
                    LOG.warn("run {}: user key of {} bytes is not published (limit {} bytes): {}…", run.runId(),
                            ItemLimits.utf8Bytes(user.userKey()), ItemLimits.MAX_KEY_BYTES,
                            user.userKey().substring(0, Math.min(40, user.userKey().length())));
                }
                return;
            }
            UserRecommendations fitted = ItemCodec.fitted(run.runId(), run.generatedAt(), expiresAt, user);
            listsCut += fitted.items().size() < user.items().size() ? 1 : 0;
            batch.add(ItemCodec.recommendations(run.runId(), run.generatedAt(), expiresAt, fitted));
            users++;
            if (batch.size() == BatchWriter.MAX_BATCH) {
                submit(tables.recommendations(), batch);
                batch = new ArrayList<>(BatchWriter.MAX_BATCH);
            }
        }

        /** A tier's whole priority list, rank 1 first; written in pages of {@link ItemCodec#CACHE_PAGE}. */
        public void cacheTier(String tier, List<CachePriority> entries) {
            throwIfFailed();
            tiers.add(tier);
            List<CachePriority> publishable = ItemLimits.publishableTracks(entries);
            if (publishable.size() < entries.size()) {
                LOG.warn("run {}: {} track(s) of tier {} left out, their keys are over {} bytes", run.runId(),
                        entries.size() - publishable.size(), tier, ItemLimits.MAX_KEY_BYTES);
                entries = publishable;
            }
            for (int page = 0, from = 0; from < entries.size(); page++, from += ItemCodec.CACHE_PAGE) {
                List<CachePriority> slice = entries.subList(from, Math.min(entries.size(), from + ItemCodec.CACHE_PAGE));
                // Pages are large items: one per call keeps every request far below the 16 MB limit.
                submit(tables.cachePriorities(), List.of(ItemCodec.cachePage(run.runId(), tier, page, expiresAt, slice)));
                cacheEntries += slice.size();
            }
        }

        /** Waits for every write, then makes the run current. */
        public Report commit() {
            if (!batch.isEmpty()) {
                submit(tables.recommendations(), batch);
                batch = new ArrayList<>();
            }
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    throw new PublishFailedException("publish of " + run.runId() + " did not finish within an hour");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while publishing " + run.runId(), e);
            }
            throwIfFailed();
            if (batchesWritten.get() != batchesSubmitted) {
                throw new PublishFailedException("publish of " + run.runId() + " is incomplete: "
                        + batchesWritten.get() + " of " + batchesSubmitted + " batches confirmed written; the "
                        + "pointer stays on " + expected);
            }
            CurrentRun written = new CurrentRun(run.runId(), run.businessDate(), run.generatedAt(), users,
                    List.copyOf(tiers));
            new RunPointer(client, tables).moveTo(written, expected);
            new RunRecords(client, tables).published(run.runId(), startedAt);
            committed = true;
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("published run {}: {} users, {} cache entries, {} items, {} retries in {} s",
                    run.runId(), users, cacheEntries, items, writer.retries() - retriesBefore, String.format("%.1f", seconds));
            if (usersSkipped > 0 || listsCut > 0) {
                LOG.warn("run {}: {} user(s) not published (key over {} bytes), {} list(s) cut to fit DynamoDB's "
                        + "limits", run.runId(), usersSkipped, ItemLimits.MAX_KEY_BYTES, listsCut);
            }
            return new Report(run.runId(), users, cacheEntries, items, writer.retries() - retriesBefore, seconds,
                    usersSkipped, listsCut);
        }

        private void submit(String table, List<Map<String, AttributeValue>> items) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while publishing " + run.runId(), e);
            }
            this.items += items.size();
            batchesSubmitted++;
            try {
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            writer.put(table, items);
                            batchesWritten.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        // Errors too: the thread dies either way, and this is the only trace the committer sees.
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException e) {
                inFlight.release();
                failure.compareAndSet(null, e);
                throw new PublishFailedException("publish of " + run.runId() + " could not queue a write", e);
            }
        }

        private void throwIfFailed() {
            Throwable e = failure.get();
            if (e instanceof PublishFailedException p) {
                throw p;
            }
            if (e != null) {
                // Whatever it was (the server gone, a writer dying of an Error), the caller learns which run failed
                // and that readers stay where they were.
                throw new PublishFailedException("publish of " + run.runId() + " failed: "
                        + (e instanceof Error ? "a writer died of " : "") + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "; the pointer stays on " + expected, e);
            }
        }

        /** Abandons an uncommitted run: its items stay unreferenced, readers stay on the previous run. */
        @Override
        public void close() {
            pool.shutdownNow();
            if (!committed) {
                LOG.warn("run {} was not committed; readers stay on {}", run.runId(), expected);
            }
        }
    }
}
