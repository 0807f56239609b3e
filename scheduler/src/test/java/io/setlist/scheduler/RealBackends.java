package io.setlist.scheduler;

import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.sql.embedded.LocalPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL and a real DynamoDB-compatible server for the test JVM, reached the way a user's own servers
 * are: through {@code SETLIST_JDBC_URL} and {@code SETLIST_DYNAMODB_ENDPOINT}.
 */
public final class RealBackends {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static LocalPostgres postgres;
    private static LocalDynamo dynamo;

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
        env.put("SETLIST_CACHE_TIERS", "hot:64MiB,warm:512MiB");
        env.putAll(extra);
        return Config.parse(env);
    }

    public static Backends open(Path home) {
        return Backends.open(isolatedConfig(home));
    }
}
