package io.setlist.sql.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a PostgreSQL server started by {@code LocalPostgres}, found through its data directory's
 * {@code postmaster.pid}: for fault tests that kill the server or cap what its processes may write.
 */
final class PostgresProcesses {
    private final Path dataDirectory;

    PostgresProcesses(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postmaster and every process it forked (backends, checkpointer, WAL writer, ...). */
    List<ProcessHandle> all() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IllegalStateException("no postmaster running for " + dataDirectory));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        return all;
    }

    /** SIGKILL to the postmaster and all its children at once, as the OOM killer or a power cut would; waits. */
    void killHard() {
        List<ProcessHandle> processes = all();
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " did not die", e);
            }
        }
    }

    /**
     * Caps the size of any file the server's processes write ({@code RLIMIT_FSIZE}, soft limit; children forked
     * later inherit it from the postmaster). PostgreSQL ignores SIGXFSZ, so a write past the cap fails the way it
     * fails on a full disk: "could not extend file", hint "Check free disk space". {@code bytes} < 0 lifts it.
     */
    void capFileSize(long bytes) {
        String limit = bytes < 0 ? "unlimited" : Long.toString(bytes);
        for (ProcessHandle p : all()) {
            run("prlimit", "--pid", Long.toString(p.pid()), "--fsize=" + limit + ":unlimited");
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
