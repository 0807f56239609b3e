package io.setlist.scheduler.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.predictions.PredictionRequests;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's side of the asynchronous predictions: accepts a batch (stored, then published with a confirm), reports
 * a request's status, and measures the backlog.
 *
 * <p>One tracking id per request (a batch of 1..1000 items): the items are scored together, like the synchronous
 * route's batch, and the result lists each item's prediction with its own prediction-log tracking id.
 */
public final class AsyncPredictions {
    private final PredictionQueue queue;
    private final PredictionRequests store;
    private final Duration ttl;
    private final Duration maxBacklog;

    public AsyncPredictions(PredictionQueue queue, PredictionRequests store, Duration ttl, Duration maxBacklog) {
        this.queue = queue;
        this.store = store;
        this.ttl = ttl;
        this.maxBacklog = maxBacklog;
    }

    /** The broker did not take a request; it is stored as FAILED with this reason. */
    public static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Stores the request as PENDING (committed), then publishes its tracking id and waits for the broker's confirm.
     *
     * @throws BrokerUnavailable when the broker did not confirm; the request is then FAILED, not lost in limbo
     */
    public UUID submit(List<CompletionPredictions.Request> batch) {
        UUID id = UUID.randomUUID();
        store.create(id, RequestCodec.items(batch), batch.size());
        try {
            queue.publish(id);
        } catch (RuntimeException e) {
            store.fail(id, "not queued: " + e.getMessage());
            throw new BrokerUnavailable(e.getMessage(), e);
        }
        return id;
    }

    /** The request, expired first when it is past the TTL. */
    public Optional<PredictionRequests.Found> find(UUID trackingId) {
        return store.find(trackingId, ttl);
    }

    public Duration ttl() {
        return ttl;
    }

    /** Age of the oldest pending request (zero when none is pending). */
    public Duration backlogAge() {
        return Duration.ofMillis((long) (store.oldestPendingSeconds().orElse(0) * 1000));
    }

    /** True when the backlog is older than {@code SETLIST_MAX_BACKLOG_SECONDS}. */
    public boolean backlogTooOld() {
        return backlogAge().compareTo(maxBacklog) > 0;
    }

    /** Queue depth, consumers, dead letters and the backlog's age, read at each scrape. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("setlist.prediction.queue.depth", queue, q -> safe(() -> q.depth(PredictionQueue.QUEUE).messages()))
                .description("prediction requests ready in the queue").register(registry);
        Gauge.builder("setlist.prediction.queue.consumers", queue,
                        q -> safe(() -> q.depth(PredictionQueue.QUEUE).consumers()))
                .description("consumers of the prediction queue, all nodes").register(registry);
        Gauge.builder("setlist.prediction.queue.dead.letters", queue,
                        q -> safe(() -> q.depth(PredictionQueue.DEAD_LETTERS).messages()))
                .description("messages in the dead-letter queue").register(registry);
        Gauge.builder("setlist.prediction.backlog.age.seconds", store,
                        s -> safe(() -> s.oldestPendingSeconds().orElse(0)))
                .description("age of the oldest pending prediction request").register(registry);
    }

    /** A gauge whose source is down reads NaN (Prometheus shows the gap) rather than failing the scrape. */
    private static double safe(java.util.function.DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
