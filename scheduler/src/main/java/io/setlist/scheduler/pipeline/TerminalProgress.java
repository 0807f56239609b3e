package io.setlist.scheduler.pipeline;

import io.setlist.recommender.ranking.RecommendProgress;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows the recommender's progress on stderr and keeps each phase's wall time for the stage summary.
 *
 * <p>On a terminal the line is redrawn in place (at most every 250 ms); otherwise (a log file, CI) one line is
 * printed per 10% so logs stay readable. Phases timed outside the recommender (reading the matrix) are added with
 * {@link #record}.
 */
public final class TerminalProgress implements RecommendProgress {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
    private volatile long cpuAtStart;
    private final AtomicLong done = new AtomicLong();
    private volatile String phase = "";
    private volatile long total;
    private volatile long startedAt;
    private long lastDrawAt;
    private int lastDecile;

    public TerminalProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** stderr, redrawn in place when the JVM has a console. */
    public static TerminalProgress onStderr() {
        return new TerminalProgress(System.err, System.console() != null);
    }

    /** Silent, timings only. */
    public static TerminalProgress silent() {
        return new TerminalProgress(null, false);
    }

    @Override
    public void started(String phase, long units) {
        this.phase = phase;
        this.total = units;
        this.done.set(0);
        this.startedAt = System.nanoTime();
        this.cpuAtStart = processCpuNanos();
        this.lastDrawAt = 0;
        this.lastDecile = 0;
    }

    @Override
    public void advance(long units) {
        long now = done.addAndGet(units);
        if (out == null) {
            return;
        }
        synchronized (this) {
            long t = System.nanoTime();
            if (interactive) {
                if (t - lastDrawAt >= REDRAW_NANOS || now >= total) {
                    lastDrawAt = t;
                    out.print("\r" + line(now, t));
                    out.flush();
                }
            } else {
                int decile = total == 0 ? 10 : (int) (10 * now / total);
                if (decile > lastDecile) {
                    lastDecile = decile;
                    out.println(line(now, t));
                }
            }
        }
    }

    private String line(long now, long t) {
        double elapsed = (t - startedAt) / 1e9;
        double share = total == 0 ? 1.0 : (double) now / total;
        int width = 30;
        int filled = (int) Math.round(share * width);
        String eta = share > 0.01 && share < 1.0 ? String.format(Locale.ROOT, ", ~%.0f s left", elapsed / share - elapsed) : "";
        return String.format(Locale.ROOT, "%-10s [%s%s] %,d/%,d users %3.0f%% %.1f s%s   ", phase,
                "=".repeat(filled), " ".repeat(width - filled), now, total, 100 * share, elapsed, eta);
    }

    @Override
    public void finished(String phase, double phaseSeconds) {
        record(phase, phaseSeconds);
        long cpu = processCpuNanos();
        if (cpu >= 0 && cpuAtStart >= 0) {
            synchronized (this) {
                cpuSeconds.put(phase, (cpu - cpuAtStart) / 1e9);
            }
        }
        if (out != null && interactive) {
            out.println();
        }
    }

    /** Adds (or replaces) a phase's wall time. */
    public synchronized void record(String phase, double phaseSeconds) {
        seconds.put(phase, phaseSeconds);
    }

    /**
     * CPU time of the whole JVM during each recommender phase (all threads, GC included): on a shared machine
     * this, not the wall time, says what the phase costs; divided by the cores it estimates an idle machine's wall time.
     */
    public synchronized Map<String, Double> cpuSeconds() {
        return new LinkedHashMap<>(cpuSeconds);
    }

    /** JVM process CPU time in ns, or -1 where the platform does not report it. */
    public static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public synchronized Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }

    /** "matrix 1.2 s, neighbours 80.1 s, ..." */
    public synchronized String timings() {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((p, s) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", p, s)));
        return sb.toString();
    }
}
