package io.setlist.sql;

import io.setlist.sql.embedded.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A PostgreSQL of a fault test's own, unlike {@link TestWarehouse}'s shared one: persistent, with its data under the
 * test's {@code home}, on a free port, so the test can kill it and {@link #restart()} it on the same data directory
 * and port, through PostgreSQL's crash recovery, as a supervisor would restart a production server.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path home;
    private final int port;
    private LocalPostgres server;

    private RestartablePostgres(Path home, int port, LocalPostgres server) {
        this.home = home;
        this.port = port;
        this.server = server;
    }

    /** Starts a new server with its data in {@code home/postgres/data}, on a port free now. */
    public static RestartablePostgres start(Path home) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RestartablePostgres(home, port, LocalPostgres.startPersistent(home, port));
    }

    /** The server running now (a new one after each {@link #restart()}). */
    public LocalPostgres server() {
        return server;
    }

    /** The data directory, whose {@code postmaster.pid} names the server's processes. */
    public Path dataDirectory() {
        return home.resolve("postgres").resolve("data");
    }

    /** A pool of {@code connections} on the {@code postgres} database; it outlives restarts (same URL). */
    public Database open(int connections) {
        return Database.open(server.jdbcUrl("postgres"), server.user(), "", connections);
    }

    /**
     * After the server was killed: lets go of the dead server's handle, as a new process would start fresh, and
     * starts a server again on the same data directory and port.
     *
     * @throws IllegalStateException when the port answers but not with a server started here (the old one lives)
     */
    public LocalPostgres restart() {
        try {
            server.close();
        } catch (RuntimeException alreadyDead) {
            // pg_ctl stop finds no server: expected after a kill.
        }
        server = LocalPostgres.startPersistent(home, port);
        if (!server.owned()) {
            throw new IllegalStateException("port " + port + " still answers: the killed server is not dead");
        }
        return server;
    }

    /**
     * {@code SELECT count(*)} of {@code table}, tried up to three times: a pooled connection that died with the old
     * server fails once, and the pool then drops it.
     */
    public static long count(DataSource db, String table) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
