package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes one run atomically: every item is written under the new run id beside the current run, and only when
 * all are written does {@link RunPointer} move. A publish that fails (or a process killed mid-way) leaves readers
 * on the previous run; publishing the same run again overwrites the same keys, so it is idempotent.
 */
public final class RunPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);

    private final DynamoDbClient client;
    private final DynamoTables tables;
    private final BatchWriter writer;
    private final int threads;

    public RunPublisher(DynamoDbClient client, DynamoTables tables, int threads, int maxAttempts) {
        this.client = client;
        this.tables = tables;
        this.threads = threads;
        this.writer = new BatchWriter(client, maxAttempts, 50, 5_000);
    }

    /** What a publish wrote. */
    public record Report(String runId, long users, long cacheEntries, long items, long retries, double seconds) {
    }

    public Report publish(CurrentRun run, Iterator<UserRecommendations> users,
                          Map<String, List<CachePriority>> tiers) {
        long start = System.nanoTime();
        RunPointer pointer = new RunPointer(client, tables);
        String expected = pointer.current().map(CurrentRun::runId).orElse(null);

        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "publish");
            t.setDaemon(true);
            return t;
        });
        // Bounded in-flight batches keep memory flat however many users the run has.
        Semaphore inFlight = new Semaphore(threads * 4);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long userCount = 0;
        long items = 0;
        try {
            List<Map<String, AttributeValue>> batch = new ArrayList<>(BatchWriter.MAX_BATCH);
            while (users.hasNext() && failure.get() == null) {
                batch.add(ItemCodec.recommendations(run.runId(), run.generatedAt(), users.next()));
                userCount++;
                if (batch.size() == BatchWriter.MAX_BATCH) {
                    submit(pool, inFlight, failure, tables.recommendations(), batch);
                    items += batch.size();
                    batch = new ArrayList<>(BatchWriter.MAX_BATCH);
                }
            }
            long cacheEntries = 0;
            for (Map.Entry<String, List<CachePriority>> tier : tiers.entrySet()) {
                List<CachePriority> entries = tier.getValue();
                for (int page = 0, from = 0; from < entries.size(); page++, from += ItemCodec.CACHE_PAGE) {
                    List<CachePriority> slice = entries.subList(from, Math.min(entries.size(), from + ItemCodec.CACHE_PAGE));
                    // Pages are larger items; write them one per call so a batch stays far below the 16 MB limit.
                    submit(pool, inFlight, failure, tables.cachePriorities(),
                            List.of(ItemCodec.cachePage(run.runId(), tier.getKey(), page, slice)));
                    items++;
                    cacheEntries += slice.size();
                }
            }
            if (!batch.isEmpty()) {
                submit(pool, inFlight, failure, tables.recommendations(), batch);
                items += batch.size();
            }
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new PublishFailedException("publish of " + run.runId() + " did not finish within an hour");
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            CurrentRun written = new CurrentRun(run.runId(), run.businessDate(), run.generatedAt(), userCount,
                    List.copyOf(tiers.keySet()));
            pointer.moveTo(written, expected);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("published run {}: {} users, {} cache entries, {} items, {} retries in {} s",
                    run.runId(), userCount, cacheEntries, items, writer.retries(), String.format("%.1f", seconds));
            return new Report(run.runId(), userCount, cacheEntries, items, writer.retries(), seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + run.runId(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void submit(ExecutorService pool, Semaphore inFlight, AtomicReference<RuntimeException> failure,
                        String table, List<Map<String, AttributeValue>> batch) throws InterruptedException {
        inFlight.acquire();
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    writer.put(table, batch);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }
}
