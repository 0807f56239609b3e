package io.setlist.scheduler.jobs;

import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.sql.runs.RunLedger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Test stages that record every execution in {@code probe_runs}: {@code probe} (quick), {@code slow} (runs for
 * a few seconds, long enough to kill its node mid-job) and {@code flaky} (always fails).
 */
final class ProbeStages {
    /** A short run lease, as SETLIST_RUN_LEASE_SECONDS=3 would give: a killed node's job is taken over soon. */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(3);

    private ProbeStages() {
    }

    static void createTable(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS probe_runs (job text, business_date date, node text, phase text, "
                    + "at timestamptz DEFAULT clock_timestamp(), seq bigserial)");
        }
    }

    static DailyPipeline pipeline(DataSource ds, String node, long slowMillis) {
        return new DailyPipeline(List.of(stage(ds, node, "probe", 0, false), stage(ds, node, "slow", slowMillis, false),
                stage(ds, node, "flaky", 0, true)), new RunLedger(ds, LEASE), Clock.systemUTC(), node);
    }

    private static Stage stage(DataSource ds, String node, String job, long sleepMillis, boolean fail) {
        return new Stage() {
            @Override
            public String job() {
                return job;
            }

            @Override
            public Outcome run(RunContext context) {
                record(ds, job, context, node, "start");
                if (fail) {
                    throw new IllegalStateException("flaky stage always fails");
                }
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
                record(ds, job, context, node, "end");
                return new Outcome(1, 1, job + " on " + node);
            }
        };
    }

    private static void record(DataSource ds, String job, Stage.RunContext context, String node, String phase) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO probe_runs (job, business_date, node, phase) VALUES (?, ?, ?, ?)")) {
            s.setString(1, job);
            s.setObject(2, context.businessDate());
            s.setString(3, node);
            s.setString(4, phase);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
