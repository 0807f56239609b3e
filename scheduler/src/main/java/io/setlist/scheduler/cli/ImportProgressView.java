package io.setlist.scheduler.cli;

import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;

import java.io.PrintStream;

/**
 * Shows an import's progress on stderr: a bar redrawn in place on a terminal, or a plain log line every 10% when
 * the output goes to a file or a pipe (where carriage returns would only make a mess).
 */
public final class ImportProgressView implements ImportProgress {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private long bytes;
    private long startedNanos;
    private int lastShown = -1;

    private ImportProgressView(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    public static ImportProgressView forConsole() {
        return new ImportProgressView(System.err, System.console() != null);
    }

    @Override
    public void started(String file, long totalBytes) {
        bytes = Math.max(1, totalBytes);
        startedNanos = System.nanoTime();
        lastShown = -1;
        advanced(file, 0, 0);
    }

    @Override
    public void advanced(String file, long bytesRead, long rows) {
        int percent = (int) Math.min(100, 100 * bytesRead / bytes);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (terminal) {
            int filled = percent * WIDTH / 100;
            err.printf("\r%-36s [%s%s] %3d%% %,13d rows %6.1f s", file, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    percent, rows, seconds);
            err.flush();
        } else if (percent / 10 > lastShown) {
            lastShown = percent / 10;
            err.printf("import %s: %d%% read, %,d rows, %.1f s%n", file, percent, rows, seconds);
        }
    }

    @Override
    public void phase(String file, String what) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (terminal) {
            err.printf("\r\033[K%s: %s (%.1f s)", file, what, seconds);
            err.flush();
        } else {
            err.printf("import %s: %s (%.1f s)%n", file, what, seconds);
        }
    }

    @Override
    public void finished(WorkloadImport.FileReport report) {
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
