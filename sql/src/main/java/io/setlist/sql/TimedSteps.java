package io.setlist.sql;

import org.slf4j.Logger;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Runs a multi-statement SQL resource as one step of a batch job (an import, a rollup refresh). At DEBUG level
 * ({@code SETLIST_LOG_LEVEL=DEBUG}) it runs the statements one by one and logs each one's time and row count: the
 * quickest way to see which statement of a slow step needs work. Otherwise it sends the whole text in one round trip.
 */
public final class TimedSteps {
    private final Logger log;
    private final String job;

    /** @param job the prefix of each log line, e.g. the file being imported */
    public TimedSteps(Logger log, String job) {
        this.log = log;
        this.job = job;
    }

    /**
     * Runs {@code sql}; returns the row count of a one-statement resource (0 for a statement that returns rows or
     * none). For a resource of several statements the count is not meaningful: timed, it is the last statement's;
     * untimed, the first's.
     */
    public long run(Statement statement, String label, String sql) throws SQLException {
        if (!log.isDebugEnabled()) {
            statement.execute(sql);
            return Math.max(0, statement.getUpdateCount());
        }
        long rows = 0;
        // Statements end with ';' at the end of a line in every resource; comments never do.
        for (String part : sql.split(";\\s*\\n")) {
            String first = part.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).findFirst().orElse("");
            if (first.isEmpty()) {
                continue;
            }
            long started = System.nanoTime();
            statement.execute(part);
            rows = Math.max(0, statement.getUpdateCount());
            log.debug("{}: {} ({}): {} rows in {} s", job, label, first.strip(), rows,
                    String.format(Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9));
        }
        return rows;
    }
}
