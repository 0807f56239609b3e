package io.setlist.sql;

import io.setlist.sql.embedded.LocalPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, and a freshly migrated database per caller, so test classes never see each
 * other's rows.
 */
public final class TestWarehouse {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static LocalPostgres server;

    private TestWarehouse() {
    }

    public static synchronized LocalPostgres server() {
        if (server == null) {
            server = LocalPostgres.startEphemeral();
            LocalPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** A new, empty, migrated database. */
    public static Database freshDatabase() {
        LocalPostgres pg = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Database.open(pg.jdbcUrl(name), pg.user(), "", 4);
    }
}
