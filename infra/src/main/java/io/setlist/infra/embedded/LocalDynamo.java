package io.setlist.infra.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB-compatible server on loopback: the default store when no {@code SETLIST_DYNAMODB_ENDPOINT} is set.
 *
 * <p>It runs <a href="https://github.com/architect/dynalite">dynalite</a> (MIT licence) under Node.js, speaking the
 * DynamoDB wire protocol that the AWS SDK v2 client uses against AWS. Amazon's DynamoDB Local is not used by
 * default because its licence is not an open-source one; point {@code SETLIST_DYNAMODB_ENDPOINT} at a DynamoDB
 * Local you run yourself and Setlist uses it the same way.
 *
 * <p>The node packages are installed on first use with {@code npm ci} from the committed lock file in
 * {@code infra/dynalite}. The child process exits when this JVM dies (its stdin closes), so a killed Setlist never
 * leaves a server holding the port or the LevelDB lock.
 */
public final class LocalDynamo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamo.class);

    private final Process process; // null when attached to a server another Setlist process started
    private final int port;

    private LocalDynamo(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A server whose tables persist in {@code home/dynamodb}; reuses one already listening on {@code port}. */
    public static LocalDynamo startPersistent(Path dynaliteDir, Path home, int port) {
        if (accepts(port)) {
            return new LocalDynamo(null, port);
        }
        Path data = home.resolve("dynamodb");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(dynaliteDir, data, port, 0);
    }

    /** An in-memory server on a free port, for tests. */
    public static LocalDynamo startEphemeral(Path dynaliteDir) {
        return startEphemeral(dynaliteDir, 0);
    }

    /**
     * An in-memory server on a free port whose Node.js heap may grow to {@code nodeHeapMiB} (0: Node's default):
     * a benchmark run of millions of items keeps gigabytes in memory.
     */
    public static LocalDynamo startEphemeral(Path dynaliteDir, int nodeHeapMiB) {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            socket.close();
            return start(dynaliteDir, null, port, nodeHeapMiB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code infra/dynalite} is: the system property the launcher and Surefire set, else the working tree. */
    public static Path defaultDynaliteDir() {
        String configured = System.getProperty("setlist.dynalite.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra").resolve("dynalite");
            if (Files.exists(candidate.resolve("serve.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find infra/dynalite; set -Dsetlist.dynalite.dir or "
                + "SETLIST_DYNAMODB_ENDPOINT");
    }

    private static LocalDynamo start(Path dynaliteDir, Path data, int port, int nodeHeapMiB) {
        installPackages(dynaliteDir);
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeHeapMiB > 0) {
            command.add("--max-old-space-size=" + nodeHeapMiB);
        }
        command.addAll(List.of("serve.js", "--port", Integer.toString(port)));
        if (data != null) {
            command.add("--path");
            command.add(data.toString());
        }
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dynaliteDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening")) {
                process.destroyForcibly();
                throw new IllegalStateException("the local DynamoDB server (dynalite) did not start on port "
                        + port + ": " + first);
            }
            Thread drain = new Thread(() -> drain(out), "local-dynamo-output");
            drain.setDaemon(true);
            drain.start();
            LocalDynamo dynamo = new LocalDynamo(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close));
            return dynamo;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node (Node.js >= 20 is needed for the embedded DynamoDB; "
                    + "or set SETLIST_DYNAMODB_ENDPOINT): " + e.getMessage(), e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                LOG.debug("dynalite: {}", line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** {@code npm ci} once per working tree; a file lock keeps two JVMs from installing at the same time. */
    private static synchronized void installPackages(Path dir) {
        if (Files.exists(dir.resolve("node_modules").resolve("dynalite").resolve("package.json"))) {
            return;
        }
        LOG.info("installing the embedded DynamoDB server (npm ci in {})", dir);
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(".install.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var ignored = channel.lock()) {
            if (Files.exists(dir.resolve("node_modules").resolve("dynalite").resolve("package.json"))) {
                return;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir + ":\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm (Node.js >= 20 and npm are needed for the embedded "
                    + "DynamoDB; or set SETLIST_DYNAMODB_ENDPOINT): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
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

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean owned() {
        return process != null;
    }

    /** The server's process id (fault tests stop and kill it); only for a server this object started. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("the server on port " + port + " was not started by this process");
        }
        return process.pid();
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would, for fault tests. A persistent server's data stays: {@link
     * #startPersistent} on the same directory and port starts it again.
     */
    public void kill() {
        if (process == null) {
            throw new IllegalStateException("the server on port " + port + " was not started by this process");
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
