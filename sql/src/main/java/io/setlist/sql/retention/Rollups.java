package io.setlist.sql.retention;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;
import io.setlist.sql.TimedSteps;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps the retention rollups (install day per user, active users per day) up to date incrementally: every events
 * load marks the days it touched in {@code rollup_pending_days}, and a refresh reads only those days' events
 * (index ranges on the partitioned events table), then clears the marks, all in one transaction. From those two, the
 * same refresh keeps the cohort matrix's cells ({@code cohort_day_activity}, {@code cohort_week_activity},
 * {@code user_installs.last_active_day}): it counts again only the cells of the pending days, and of the active days
 * of users whose install day it set or moved.
 */
public final class Rollups {
    /** A refresh of at least this many days analyzes the rollups itself, rather than wait for autovacuum. */
    static final int ANALYZE_AFTER_DAYS = 7;
    private static final TimedSteps STEPS = new TimedSteps(LoggerFactory.getLogger(Rollups.class), "rollups");
    private final DataSource ds;

    public Rollups(DataSource ds) {
        this.ds = ds;
    }

    /** What one refresh did. */
    public record Refresh(int days, long installs, long activeUserDays) {
    }

    /** Runs {@code rollups/<name>.sql}; its statements' times go to the debug log. */
    private static long step(Statement s, String name) throws SQLException {
        return STEPS.run(s, name, SqlResource.load("rollups/" + name + ".sql"));
    }

    public Refresh refresh() {
        return InTransaction.run(ds, "cannot refresh the retention rollups", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(SqlResource.load("rollups/lock.sql"));
                s.execute(SqlResource.load("rollups/create_scratch.sql"));
                long installs = step(s, "refresh_installs");
                long active = step(s, "refresh_active");
                step(s, "affected_days");
                step(s, "refresh_last_active");
                step(s, "refresh_cohort_days");
                step(s, "refresh_cohort_weeks");
                int days = (int) step(s, "clear_pending");
                if (days >= ANALYZE_AFTER_DAYS) {
                    step(s, "analyze");
                }
                return new Refresh(days, installs, active);
            }
        });
    }
}
