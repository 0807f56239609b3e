package io.setlist.scheduler.queue;

import io.setlist.infra.embedded.LocalRabbit;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.QueueSettings;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.predictions.PredictionRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * A node's part of the asynchronous predictions: the broker (the user's at {@code SETLIST_AMQP_URL}, else a local
 * RabbitMQ under {@code SETLIST_HOME/rabbitmq}), the queue, and {@code SETLIST_PREDICTION_WORKERS} consumers.
 * Closing stops the consumers first (unacknowledged messages go back to the queue), then the connection, then a
 * local broker this node started.
 *
 * <p>The workers read and write on the main warehouse pool; the API's side ({@link #async()}) on the API's own pool
 * ({@code Backends.apiWarehouse()}), so a flood of POSTs cannot take the connections Quartz and the workers need.
 */
public final class PredictionBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionBroker.class);

    private final LocalRabbit local;
    private final PredictionQueue queue;
    private final PredictionWorkers workers;
    private final AsyncPredictions async;

    private PredictionBroker(LocalRabbit local, PredictionQueue queue, PredictionWorkers workers,
                             AsyncPredictions async) {
        this.local = local;
        this.queue = queue;
        this.workers = workers;
        this.async = async;
    }

    /** Opens the broker and starts the workers, which score with {@code predictions}. */
    public static PredictionBroker open(Backends backends, Config config, CompletionPredictions predictions) {
        QueueSettings settings = config.queue();
        LocalRabbit local = settings.amqpUrl() == null
                ? LocalRabbit.startPersistent(config.home(), settings.embeddedPort()) : null;
        PredictionQueue queue = null;
        try {
            URI uri = local != null ? local.uri() : settings.amqpUrl();
            queue = PredictionQueue.connect(uri, settings.maxAttempts(), "setlist-" + ProcessHandle.current().pid());
            PredictionWorkers workers = PredictionWorkers.start(queue, settings.workers(), settings.prefetch(),
                    settings.ttl(), new PredictionRequests(backends.warehouse()), predictions);
            LOG.info("prediction queue on {}:{} with {} worker(s)", uri.getHost(), uri.getPort(), settings.workers());
            return new PredictionBroker(local, queue, workers,
                    new AsyncPredictions(queue, new PredictionRequests(backends.apiWarehouse()), settings.ttl(),
                            settings.maxBacklog()));
        } catch (RuntimeException e) {
            if (queue != null) {
                queue.close();
            }
            if (local != null) {
                local.close();
            }
            throw e;
        }
    }

    public AsyncPredictions async() {
        return async;
    }

    public PredictionQueue queue() {
        return queue;
    }

    @Override
    public void close() {
        workers.close();
        queue.close();
        if (local != null) {
            local.close();
        }
    }
}
