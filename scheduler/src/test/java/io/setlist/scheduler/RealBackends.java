package io.setlist.scheduler;

import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.infra.embedded.LocalRabbit;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.scheduler.queue.PredictionQueue;
import io.setlist.sql.predictions.PredictionRequests;
import io.setlist.sql.embedded.LocalPostgres;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL and a real DynamoDB-compatible server for the test JVM, reached the way a user's own servers
 * are: through {@code SETLIST_JDBC_URL} and {@code SETLIST_DYNAMODB_ENDPOINT}; and a real RabbitMQ for the API
 * servers tests start ({@link #asyncPredictions}), as every {@code serve} node has one.
 */
public final class RealBackends {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static LocalPostgres postgres;
    private static LocalDynamo dynamo;
    private static PredictionQueue queue;

    private RealBackends() {
    }

    private static synchronized void start() {
        if (postgres == null) {
            postgres = LocalPostgres.startEphemeral();
            dynamo = LocalDynamo.startEphemeral(LocalDynamo.defaultDynaliteDir());
            LocalPostgres pg = postgres;
            LocalDynamo dy = dynamo;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pg.close();
                dy.close();
            }));
        }
    }

    /** A configuration for a fresh database and a fresh DynamoDB table prefix, isolated from other tests. */
    public static Config isolatedConfig(Path home) {
        return isolatedConfig(home, Map.of());
    }

    /** As {@link #isolatedConfig(Path)}, with extra environment variables. */
    public static Config isolatedConfig(Path home, Map<String, String> extra) {
        start();
        int n = COUNTER.incrementAndGet();
        String database = "e2e" + ProcessHandle.current().pid() + "_" + n;
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("SETLIST_HOME", home.toString());
        env.put("SETLIST_JDBC_URL", postgres.jdbcUrl(database));
        env.put("SETLIST_JDBC_USER", postgres.user());
        env.put("SETLIST_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        env.put("SETLIST_TABLE_PREFIX", "t" + n);
        env.put("SETLIST_HTTP_PORT", "0");
        env.put("SETLIST_EMBEDDED_AMQP_PORT", "0"); // a broker of its own, never another test run's
        env.put("SETLIST_CACHE_TIERS", "hot:64MiB,warm:512MiB");
        env.putAll(extra);
        return Config.parse(env);
    }

    /**
     * The asynchronous predictions of an API server a test starts, their requests stored in {@code warehouse}: on
     * one RabbitMQ of this JVM's own, with no consumers (requests are accepted and stay PENDING). Tests of the
     * scoring itself start a broker and workers of their own ({@code QueueFixture}), so no consumer ever takes a
     * tracking id another test stored.
     */
    public static synchronized AsyncPredictions asyncPredictions(DataSource warehouse) {
        if (queue == null) {
            try {
                LocalRabbit rabbit = LocalRabbit.startEphemeral(Files.createTempDirectory("setlist-test-rabbit"));
                queue = PredictionQueue.connect(rabbit.uri(), 3, "setlist-tests-" + ProcessHandle.current().pid());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AsyncPredictions(queue, new PredictionRequests(warehouse), Duration.ofHours(1),
                Duration.ofMinutes(10));
    }

    public static Backends open(Path home) {
        return Backends.open(isolatedConfig(home));
    }
}
