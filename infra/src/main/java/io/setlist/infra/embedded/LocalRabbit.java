package io.setlist.infra.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ broker on loopback: the default broker of the asynchronous predictions when {@code SETLIST_AMQP_URL}
 * is unset, and the throwaway brokers of the tests.
 *
 * <p>It runs Debian's {@code rabbitmq-server} (3.10) as the current user with its own node name
 * ({@code setlist-PORT@localhost}), AMQP port, distribution port ({@code PORT + 20000}, so two brokers never share
 * one; the node names share the machine's epmd), no plugins and its mnesia and log directories under
 * {@code dataDir}. When the package is missing it is installed with {@code apt-get} (root is needed for that;
 * {@code bin/java-unprivileged}, which runs the JVM unprivileged, runs {@code bin/ensure-rabbitmq} first).
 *
 * <p>The broker runs under a small shell that stops it when its stdin closes: {@link #close()} closes it, and so
 * does the death of this JVM, even by {@code kill -9}, so a killed Setlist never leaves a broker holding the port.
 * Stopping is RabbitMQ's graceful stop: durable queues and persistent messages survive it (and survive a crash).
 */
public final class LocalRabbit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRabbit.class);
    static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final long START_TIMEOUT_MS = 90_000;
    /** Stops the broker when stdin reaches its end (this JVM closed it, or died). */
    private static final String SUPERVISOR = SERVER + " </dev/null & p=$!; cat >/dev/null; kill $p; wait $p";

    private final Process process; // null when attached to a broker another Setlist process started
    private final int port;
    private final Path dataDir;

    private LocalRabbit(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * A broker whose queues persist in {@code home/rabbitmq}; reuses one already listening on {@code port}. Port 0
     * starts one on a free port (tests, whose homes are their own: no other process may share their queues).
     */
    public static LocalRabbit startPersistent(Path home, int port) {
        if (port == 0) {
            return start(home.resolve("rabbitmq"), freePort());
        }
        if (accepts(port)) {
            LOG.info("using the broker already listening on 127.0.0.1:{}", port);
            return new LocalRabbit(null, port, home.resolve("rabbitmq"));
        }
        return start(home.resolve("rabbitmq"), port);
    }

    /** A broker on a free port with its data in {@code dataDir}, for tests; {@link #restart()} keeps the data. */
    public static LocalRabbit startEphemeral(Path dataDir) {
        return start(dataDir, freePort());
    }

    /** Starts a broker on {@code port} with its data in {@code dataDir} (created when missing). */
    public static LocalRabbit start(Path dataDir, int port) {
        installWhenMissing();
        try {
            Files.createDirectories(dataDir.resolve("log"));
            Path plugins = dataDir.resolve("enabled_plugins");
            if (!Files.exists(plugins)) {
                Files.writeString(plugins, "[].\n");
            }
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", SUPERVISOR)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("log").resolve("stdout.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("HOME", dataDir.toString()); // the Erlang cookie lives here, not in root's home
            env.put("RABBITMQ_NODENAME", "setlist-" + port + "@localhost");
            env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
            env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
            env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort(port)));
            env.put("RABBITMQ_MNESIA_BASE", dataDir.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", dataDir.resolve("log").toString());
            env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
            env.put("RABBITMQ_CONFIG_FILE", dataDir.resolve("rabbitmq").toString()); // absent: the defaults
            env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dataDir.resolve("advanced.config").toString());
            Process process = builder.start();
            LocalRabbit rabbit = new LocalRabbit(process, port, dataDir);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    rabbit.close();
                    throw new IllegalStateException("the local RabbitMQ did not start on port " + port + "; see "
                            + dataDir.resolve("log"));
                }
                Thread.sleep(200);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(rabbit::close));
            LOG.info("local RabbitMQ on 127.0.0.1:{} (data in {})", port, dataDir);
            return rabbit;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local RabbitMQ in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local RabbitMQ", e);
        }
    }

    /** Stops the broker gracefully and starts it again on the same port with the same data. */
    public LocalRabbit restart() {
        close();
        return start(dataDir, port);
    }

    /** The AMQP URI of the broker (RabbitMQ's default user, which may connect from loopback only). */
    public URI uri() {
        return URI.create("amqp://guest:guest@127.0.0.1:" + port + "/%2F");
    }

    public int port() {
        return port;
    }

    public boolean owned() {
        return process != null;
    }

    static int distributionPort(int port) {
        return port + 20_000 <= 65_535 ? port + 20_000 : port - 20_000;
    }

    /** Installs Debian's rabbitmq-server with apt-get unless it is there. */
    static synchronized void installWhenMissing() {
        if (Files.isExecutable(SERVER)) {
            return;
        }
        LOG.info("installing RabbitMQ (apt-get install rabbitmq-server)");
        run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server");
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException("apt-get did not install " + SERVER + "; install rabbitmq-server or set "
                    + "SETLIST_AMQP_URL");
        }
    }

    private static void run(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("'" + command + "' failed (root is needed to install "
                        + "rabbitmq-server; or set SETLIST_AMQP_URL):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing RabbitMQ", e);
        }
    }

    private static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port > 20_000 && port <= 45_535 && !accepts(distributionPort(port))) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port pair for a local RabbitMQ");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (gracefully: it stops when the supervising shell's stdin closes) and waits for it. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("local RabbitMQ on port {} stopped", port);
    }
}
