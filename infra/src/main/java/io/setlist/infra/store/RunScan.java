package io.setlist.infra.store;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.ItemCodec;
import io.setlist.infra.publish.UserRecommendations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads one whole published run: every user item with a parallel segment scan, each tier's list with one query.
 * The API loads its in-memory snapshot this way.
 *
 * <p>Cost: the recommendations table is keyed by user, not by run, so the scan reads every stored run's items and
 * the filter keeps this run's (about {@code SETLIST_KEEP_RUNS} times the run's own size read, once per flip).
 * Every call carries {@link DynamoClients#BULK} timeouts: a 1 MB scan page is not a point read.
 */
public final class RunScan {
    private final DynamoDbClient client;
    private final DynamoTables tables;
    private final int segments;

    public RunScan(DynamoDbClient client, DynamoTables tables, int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("segments must be >= 1, got " + segments);
        }
        this.client = client;
        this.tables = tables;
        this.segments = segments;
    }

    /**
     * Calls {@code sink} once for each user of run {@code runId}, from up to {@code segments} threads at once. The
     * first exception (the store failing, or {@code sink} refusing a user) stops every segment and is rethrown.
     */
    public void users(String runId, Consumer<UserRecommendations> sink) {
        ExecutorService pool = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "run-scan-" + runId);
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                parts.add(pool.submit(() -> {
                    try {
                        segment(runId, segment, sink, stop);
                    } catch (RuntimeException | Error e) {
                        stop.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning run " + runId, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private void segment(String runId, int segment, Consumer<UserRecommendations> sink, AtomicBoolean stop) {
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(tables.recommendations())
                    .segment(segment).totalSegments(segments)
                    // Strongly consistent: every item was written before the pointer moved, so all are seen.
                    .consistentRead(true)
                    .filterExpression("run_id = :run")
                    .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runId)))
                    .overrideConfiguration(DynamoClients.BULK);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (stop.get()) {
                    return;
                }
                sink.accept(ItemCodec.recommendations(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && !stop.get() && !Thread.currentThread().isInterrupted());
    }

    /** Tier {@code tier}'s whole list in run {@code runId}, rank 1 first; empty when the run has no such tier. */
    public List<CachePriority> tier(String runId, String tier) {
        List<CachePriority> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tables.cachePriorities())
                    .keyConditionExpression("tier = :tier AND begins_with(run_page, :run)")
                    .expressionAttributeValues(Map.of(":tier", AttributeValue.fromS(tier),
                            ":run", AttributeValue.fromS(runId + "#")))
                    .consistentRead(true)
                    .overrideConfiguration(DynamoClients.BULK);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = client.query(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                out.addAll(ItemCodec.cacheEntries(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
