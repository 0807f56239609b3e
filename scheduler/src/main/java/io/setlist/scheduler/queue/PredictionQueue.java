package io.setlist.scheduler.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * The durable RabbitMQ queue of prediction requests, and its dead-letter queue.
 *
 * <p>Both are quorum queues (replicated, durable, persistent on disk). A message is a request's tracking id; the
 * request itself is the row in {@code prediction_requests}. The main queue dead-letters into {@link #DEAD_LETTERS}
 * what a worker rejects after its last attempt, and, as a backstop against a message that kills every worker it
 * reaches, what was delivered {@code x-delivery-limit} times.
 *
 * <p>Publishing waits for the broker's confirm (publisher confirms), so a request the API accepted is on disk in
 * the broker. The connection recovers by itself after a broker restart.
 */
public final class PredictionQueue implements AutoCloseable {
    public static final String QUEUE = "setlist.prediction-requests";
    public static final String DEAD_LETTERS = "setlist.prediction-requests.dead";
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    /** Confirm channels: a publish holds one until its confirm, so concurrent requests wait in parallel. */
    private static final int PUBLISHERS = 8;

    private final Connection connection;
    private final BlockingQueue<Channel> publishers;
    private final int maxAttempts;

    private PredictionQueue(Connection connection, BlockingQueue<Channel> publishers, int maxAttempts) {
        this.connection = connection;
        this.publishers = publishers;
        this.maxAttempts = maxAttempts;
    }

    /** Connects to the broker at {@code uri} and declares both queues (idempotent). */
    public static PredictionQueue connect(URI uri, int maxAttempts, String connectionName) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("SETLIST_AMQP_URL: not an AMQP URI: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        try {
            Connection connection = factory.newConnection(connectionName);
            BlockingQueue<Channel> publishers = new ArrayBlockingQueue<>(PUBLISHERS);
            for (int i = 0; i < PUBLISHERS; i++) {
                Channel channel = connection.createChannel();
                if (i == 0) {
                    declare(channel, maxAttempts);
                }
                channel.confirmSelect();
                publishers.add(channel);
            }
            return new PredictionQueue(connection, publishers, maxAttempts);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reach RabbitMQ at " + uri.getHost() + ":" + uri.getPort() + ": "
                    + e.getMessage(), e);
        }
    }

    static void declare(Channel channel, int maxAttempts) throws IOException {
        channel.queueDeclare(DEAD_LETTERS, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueDeclare(QUEUE, true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", DEAD_LETTERS,
                // The worker dead-letters after maxAttempts; the broker's limit only catches messages whose every
                // delivery killed its worker, so it stays above.
                "x-delivery-limit", maxAttempts + 1));
    }

    /**
     * Publishes {@code trackingId} as a persistent message and waits for the broker's confirm.
     *
     * @throws IllegalStateException when the broker refused it or did not confirm in time
     */
    public void publish(UUID trackingId) {
        publishRaw(trackingId.toString().getBytes(StandardCharsets.UTF_8), trackingId.toString());
    }

    /** Publishes any body (tests publish malformed ones) and waits for the confirm. */
    void publishRaw(byte[] body, String messageId) {
        AMQP.BasicProperties props = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
                .messageId(messageId)
                .timestamp(new java.util.Date())
                .build();
        Channel publisher;
        try {
            publisher = publishers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a publisher channel", e);
        }
        try {
            publisher.basicPublish("", QUEUE, props, body);
            if (!publisher.waitForConfirms(CONFIRM_TIMEOUT_MS)) {
                throw new IllegalStateException("the broker refused the message (nack)");
            }
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the broker did not confirm the request: " + e.getMessage(), e);
        } finally {
            publishers.add(publisher.isOpen() ? publisher : replacement(publisher));
        }
    }

    /** A fresh confirm channel for one a channel-level error closed (connection losses recover by themselves). */
    private Channel replacement(Channel closed) {
        try {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            return channel;
        } catch (IOException | RuntimeException e) {
            return closed; // the connection is down: the next publish fails fast and tries again
        }
    }

    /** Ready messages and consumers of a queue right now. */
    public record Depth(long messages, long consumers) {
    }

    /** The depth of {@code queue} ({@link #QUEUE} or {@link #DEAD_LETTERS}). */
    public Depth depth(String queue) {
        try (Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
            return new Depth(ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot read the depth of " + queue + ": " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException e) {
            // already closed, or the broker went away: nothing left to release
        }
    }
}
