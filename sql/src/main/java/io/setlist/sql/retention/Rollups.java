package io.setlist.sql.retention;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rollups.class);
    private final DataSource ds;

    public Rollups(DataSource ds) {
        this.ds = ds;
    }

    /** What one refresh did. */
    public record Refresh(int days, long installs, long activeUserDays) {
    }

    /** Runs {@code rollups/<name>.sql}; its time goes to the debug log (SETLIST_LOG_LEVEL=DEBUG). */
    private static long step(Statement s, String name) throws SQLException {
        String sql = SqlResource.load("rollups/" + name + ".sql");
        if (!LOG.isDebugEnabled()) {
            return s.executeUpdate(sql);
        }
        long rows = 0;
        String[] statements = sql.split(";\\s*\\n");
        for (int i = 0; i < statements.length; i++) {
            long started = System.nanoTime();
            rows = s.executeUpdate(statements[i]);
            LOG.debug("rollups: {} [{}/{}] ({} rows) in {} s", name, i + 1, statements.length, rows,
                    String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9));
        }
        return rows;
    }

    public Refresh refresh() {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
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
                c.commit();
                return new Refresh(days, installs, active);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot refresh the retention rollups", e);
        }
    }
}
