package io.setlist.scheduler.config;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the asynchronous predictions ({@code POST /v1/prediction-requests}) and their RabbitMQ queue.
 *
 * @param amqpUrl          the broker, or {@code null} for the local RabbitMQ Setlist starts on {@code embeddedPort}
 * @param embeddedPort     AMQP port of the local broker (its distribution port is this + 20000); 0 picks a free one
 * @param workers          consumers per node; 0 leaves scoring to other nodes
 * @param prefetch         unacknowledged messages a consumer may hold
 * @param maxAttempts      deliveries of a message before it goes to the dead-letter queue
 * @param ttl              age after which a request not yet scored expires
 * @param maxBacklog       age of the oldest pending request above which {@code /health/ready} says DEGRADED
 */
public record QueueSettings(URI amqpUrl, int embeddedPort, int workers, int prefetch, int maxAttempts, Duration ttl,
                            Duration maxBacklog) {

    static QueueSettings read(ConfigParser p) {
        URI url = p.optional("SETLIST_AMQP_URL", "a local RabbitMQ", "an amqp:// or amqps:// URI", QueueSettings::amqp,
                "RabbitMQ of the asynchronous predictions, e.g. `amqp://user:pass@host:5672/%2F`");
        int port = p.integer("SETLIST_EMBEDDED_AMQP_PORT", 5673, 0, 65535,
                "AMQP port of the local RabbitMQ (its Erlang distribution port is this + 20000; `0`: any free port)");
        int workers = p.integer("SETLIST_PREDICTION_WORKERS", 2, 0, 64,
                "consumers of the prediction queue per `serve` node (`0`: this node only accepts requests)");
        int prefetch = p.integer("SETLIST_PREDICTION_PREFETCH", 4, 1, 1000,
                "unacknowledged prediction requests a consumer may hold");
        int attempts = p.integer("SETLIST_PREDICTION_MAX_ATTEMPTS", 5, 1, 100,
                "deliveries of a prediction request before it goes to the dead-letter queue");
        int ttl = p.integer("SETLIST_PREDICTION_TTL_SECONDS", 3600, 1, Integer.MAX_VALUE,
                "age after which an unscored prediction request expires");
        int backlog = p.integer("SETLIST_MAX_BACKLOG_SECONDS", 60, 1, Integer.MAX_VALUE,
                "`/health/ready` says DEGRADED when the oldest pending prediction request is older");
        return new QueueSettings(url, port, workers, prefetch, attempts, Duration.ofSeconds(ttl),
                Duration.ofSeconds(backlog));
    }

    private static URI amqp(String s) {
        URI uri = URI.create(s);
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return uri;
    }

    /** The same on another broker (a test's). */
    public QueueSettings withAmqpUrl(URI url) {
        return new QueueSettings(url, embeddedPort, workers, prefetch, maxAttempts, ttl, maxBacklog);
    }

    public QueueSettings withWorkers(int n) {
        return new QueueSettings(amqpUrl, embeddedPort, n, prefetch, maxAttempts, ttl, maxBacklog);
    }

    public QueueSettings withTtl(Duration newTtl) {
        return new QueueSettings(amqpUrl, embeddedPort, workers, prefetch, maxAttempts, newTtl, maxBacklog);
    }
}
