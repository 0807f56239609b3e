package io.setlist.scheduler.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.predictions.PredictionRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This node's consumers of the prediction queue. Each has its own channel with a prefetch and acknowledges a
 * message only after the request's outcome is committed ({@link PredictionRequests#process}): a worker killed
 * before that leaves the message unacknowledged, the broker redelivers it, and the row lock plus the
 * {@code PENDING → DONE} transition make the second delivery find either nothing done or everything done.
 *
 * <p>Scoring is {@link CompletionPredictions#experiment}, the synchronous path's code, with the same A/B split;
 * its prediction-log rows commit with the result. A request that names an unknown user or track, or arrives
 * before there is a champion, FAILs with the reason (retrying would not help). Any other error is retried by
 * requeueing; the delivery that reaches {@code maxAttempts} marks the request FAILED and is rejected into the
 * dead-letter queue.
 */
public final class PredictionWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionWorkers.class);

    /** How long {@link #close()} waits for a delivery being scored to commit before closing its channel anyway. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(30);

    private final List<Channel> channels;
    private final List<Worker> workers;

    private PredictionWorkers(List<Channel> channels, List<Worker> workers) {
        this.channels = channels;
        this.workers = workers;
    }

    /** Starts {@code consumers} consumers on {@code queue}'s connection, reporting into Micrometer's global registry. */
    public static PredictionWorkers start(PredictionQueue queue, int consumers, int prefetch, Duration ttl,
                                          PredictionRequests store, CompletionPredictions predictions) {
        Outcomes outcomes = new Outcomes(Metrics.globalRegistry);
        List<Channel> channels = new ArrayList<>();
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < consumers; i++) {
                Channel channel = queue.connection().createChannel();
                channels.add(channel);
                channel.basicQos(prefetch);
                Worker worker = new Worker(channel, queue.maxAttempts(), ttl, store, predictions, outcomes);
                channel.basicConsume(PredictionQueue.QUEUE, false, "worker-" + i, worker);
                workers.add(worker);
            }
        } catch (IOException e) {
            new PredictionWorkers(channels, workers).close();
            throw new IllegalStateException("cannot start the prediction workers: " + e.getMessage(), e);
        }
        return new PredictionWorkers(channels, workers);
    }

    /** Counters of what the workers did: the processing rate and the redeliveries in {@code /metrics}. */
    static final class Outcomes {
        private final MeterRegistry registry;
        final Counter redeliveries;
        final Counter deadLettered;

        Outcomes(MeterRegistry registry) {
            this.registry = registry;
            this.redeliveries = Counter.builder("setlist.prediction.queue.redeliveries")
                    .description("prediction requests delivered again (a worker died or an attempt failed)")
                    .register(registry);
            this.deadLettered = Counter.builder("setlist.prediction.queue.dead.lettered")
                    .description("prediction requests sent to the dead-letter queue").register(registry);
        }

        void processed(PredictionRequests.Outcome outcome) {
            Counter.builder("setlist.prediction.requests.processed")
                    .description("prediction requests the workers finished, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry).increment();
        }
    }

    private static final class Worker extends DefaultConsumer {
        private final int maxAttempts;
        private final Duration ttl;
        private final PredictionRequests store;
        private final CompletionPredictions predictions;
        private final Outcomes outcomes;
        /** Held while a delivery is handled (the client dispatches one at a time per channel): close waits on it. */
        private final Semaphore handling = new Semaphore(1);
        private volatile boolean stopping;

        Worker(Channel channel, int maxAttempts, Duration ttl, PredictionRequests store,
               CompletionPredictions predictions, Outcomes outcomes) {
            super(channel);
            this.maxAttempts = maxAttempts;
            this.ttl = ttl;
            this.store = store;
            this.predictions = predictions;
            this.outcomes = outcomes;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) throws IOException {
            handling.acquireUninterruptibly();
            try {
                if (!stopping) {
                    handle(envelope, properties, body);
                }
                // a delivery arriving while the node stops stays unacknowledged: closing the channel requeues it
            } finally {
                handling.release();
            }
        }

        /**
         * Stops taking deliveries and waits (at most {@code grace}) for the one being scored to commit and be
         * acknowledged, so a stopping node does not pull the warehouse pool from under a worker mid-request.
         */
        void stop(Duration grace) {
            stopping = true;
            try {
                getChannel().basicCancel(getConsumerTag());
            } catch (Exception e) {
                // the channel or connection is gone already: nothing more will be delivered
            }
            try {
                if (handling.tryAcquire(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    handling.release();
                } else {
                    LOG.warn("a prediction worker did not finish its request within {} s; its message will be "
                            + "redelivered", grace.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            long tag = envelope.getDeliveryTag();
            if (envelope.isRedeliver()) {
                outcomes.redeliveries.increment();
            }
            UUID id = null;
            try {
                id = UUID.fromString(new String(body, StandardCharsets.UTF_8).trim());
                PredictionRequests.Outcome outcome = store.process(id, ttl, this::score);
                if (outcome == PredictionRequests.Outcome.UNKNOWN) {
                    throw new IllegalStateException("no prediction request " + id);
                }
                outcomes.processed(outcome);
                getChannel().basicAck(tag, false);
            } catch (Exception e) {
                long attempt = previousDeliveries(properties) + 1;
                if (attempt >= maxAttempts) {
                    String reason = "failed " + attempt + " times; last error: " + e.getMessage();
                    LOG.warn("prediction request {} goes to the dead-letter queue: {}",
                            id == null ? "(unreadable message)" : id, reason);
                    if (id != null) {
                        store.fail(id, reason);
                    }
                    getChannel().basicReject(tag, false);
                    outcomes.deadLettered.increment();
                } else {
                    LOG.info("prediction request {} attempt {} failed, requeued: {}", id, attempt, e.getMessage());
                    getChannel().basicNack(tag, false, true);
                }
            }
        }

        private PredictionRequests.Finished score(java.sql.Connection c, String items) {
            List<CompletionPredictions.Request> batch = RequestCodec.batch(items);
            try {
                Optional<List<CompletionPredictions.Prediction>> scored = predictions.experiment(batch, c);
                return scored.map(p -> PredictionRequests.Finished.done(RequestCodec.result(CompletionModels.NAME, p)))
                        .orElseGet(() -> PredictionRequests.Finished.failed("model '" + CompletionModels.NAME
                                + "' has no champion yet"));
            } catch (CompletionPredictions.UnknownKey e) {
                return PredictionRequests.Finished.failed(e.getMessage());
            }
        }

        /** Quorum queues count earlier deliveries in {@code x-delivery-count}; absent on the first one. */
        private static long previousDeliveries(AMQP.BasicProperties properties) {
            Map<String, Object> headers = properties.getHeaders();
            Object count = headers == null ? null : headers.get("x-delivery-count");
            return count instanceof Number n ? n.longValue() : 0;
        }
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.stop(IN_FLIGHT_GRACE);
        }
        for (Channel channel : channels) {
            try {
                channel.close();
            } catch (Exception e) {
                // the connection is gone already
            }
        }
    }
}
