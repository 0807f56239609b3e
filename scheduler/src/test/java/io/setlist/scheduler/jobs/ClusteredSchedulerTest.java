package io.setlist.scheduler.jobs;

import io.setlist.scheduler.config.ScheduleSettings;
import io.setlist.scheduler.config.WarehouseSettings;
import io.setlist.sql.Database;
import io.setlist.sql.embedded.LocalPostgres;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler nodes on one PostgreSQL: this test JVM and a child JVM ({@link ClusterNodeMain}).
 */
class ClusteredSchedulerTest {
    private static final LocalDate DAY = LocalDate.parse("2026-06-01");

    private Database db;
    private WarehouseSettings settings;
    private Process child;
    private Writer childInput;
    private ClusteredScheduler local;

    @BeforeEach
    void setUp() throws Exception {
        settings = io.setlist.scheduler.RealBackends.isolatedConfig(java.nio.file.Files.createTempDirectory("cluster"))
                .warehouse();
        db = Database.open(settings.jdbcUrl(), settings.jdbcUser(), "", 6);
        ProbeStages.createTable(db.dataSource());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (local != null) {
            local.close();
        }
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        db.close();
    }

    private ClusteredScheduler startLocal(String node) {
        ScheduleSettings s = new ScheduleSettings("off", Map.of(), 3, Duration.ofSeconds(1), Duration.ofHours(36),
                Duration.ofSeconds(1), node);
        local = ClusteredScheduler.start(db.dataSource(), ProbeStages.pipeline(db.dataSource(), node, 15_000), s);
        return local;
    }

    private void startChild(String node) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // stdout is the child's protocol: keep logback's status lines (it warns that the sql test-jar brings a
        // second logback-test.xml) off it.
        child = new ProcessBuilder(java, "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName(), settings.jdbcUrl(), settings.jdbcUser(), node)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        childInput = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child node output").isEqualTo("ready");
    }

    private List<String> probes(String job, String phase) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT business_date || ' ' || node FROM probe_runs WHERE job = '" + job
                     + "' AND phase = '" + phase + "' ORDER BY seq")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private BooleanSupplier count(String job, String phase, int n) {
        return () -> {
            try {
                return probes(job, phase).size() >= n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void eachTriggerFiresOnceAcrossTwoNodes() throws Exception {
        startChild("node-b");
        ClusteredScheduler a = startLocal("node-a");
        for (int i = 0; i < 8; i++) {
            a.trigger("probe", DAY.plusDays(i), false);
        }
        await("8 probe runs", Duration.ofSeconds(60), count("probe", "end", 8));
        Thread.sleep(2_000); // a duplicate firing would land now
        List<String> runs = probes("probe", "start");
        assertThat(runs).hasSize(8);
        assertThat(runs.stream().map(r -> r.split(" ")[0]).distinct()).hasSize(8);
    }

    @Test
    void aNodeKilledMidJobIsRecoveredByTheOther() throws Exception {
        startChild("node-b");
        childInput.write("trigger slow " + DAY + "\n");
        childInput.flush();
        await("slow job started on node-b", Duration.ofSeconds(30), count("slow", "start", 1));
        assertThat(probes("slow", "start")).containsExactly(DAY + " node-b");
        startLocal("node-a");
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        await("slow job recovered and finished on node-a", Duration.ofSeconds(90), count("slow", "end", 1));
        assertThat(probes("slow", "end")).containsExactly(DAY + " node-a");
        RunLedger.Entry entry = new RunLedger(db.dataSource()).find("slow", DAY).orElseThrow();
        assertThat(entry.status()).isEqualTo("SUCCEEDED");
        assertThat(entry.node()).isEqualTo("node-a");
        assertThat(entry.attempt()).isEqualTo(2);
        // node-b held the job's lease when it died: node-a waited for it to expire and took it over, on record.
        assertThat(entry.takenOverFrom()).contains("node-b");
    }

    @Test
    void sigtermRecordsTheRunningJobAsInterruptedAndTheNextNodeResumesIt() throws Exception {
        startChild("node-b");
        childInput.write("trigger slow " + DAY + "\n");
        childInput.flush();
        await("slow job started on node-b", Duration.ofSeconds(30), count("slow", "start", 1));
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        RunLedger ledger = new RunLedger(db.dataSource());
        assertThat(ledger.find("slow", DAY).orElseThrow().status()).isEqualTo("INTERRUPTED");

        startLocal("node-a");
        await("slow job resumed on node-a", Duration.ofSeconds(90), count("slow", "end", 1));
        assertThat(probes("slow", "end")).containsExactly(DAY + " node-a");
        assertThat(ledger.find("slow", DAY).orElseThrow().status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void refiringASucceededJobAndDateChangesNothing() throws Exception {
        ClusteredScheduler a = startLocal("node-a");
        a.trigger("probe", DAY, false);
        await("first run", Duration.ofSeconds(30), count("probe", "end", 1));
        a.trigger("probe", DAY, false);
        a.trigger("probe", DAY.plusDays(1), false);
        await("run for the next day", Duration.ofSeconds(30), count("probe", "end", 2));
        assertThat(probes("probe", "start")).containsExactly(DAY + " node-a", DAY.plusDays(1) + " node-a");
        assertThat(new RunLedger(db.dataSource()).find("probe", DAY).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void aFailingJobIsRetriedWithBackoffAndEndsFailedWithItsError() throws Exception {
        ClusteredScheduler a = startLocal("node-a");
        a.trigger("flaky", DAY, false);
        await("three attempts", Duration.ofSeconds(60), count("flaky", "start", 3));
        Thread.sleep(4_000); // no fourth attempt: the limit is 3
        assertThat(probes("flaky", "start")).hasSize(3);
        RunLedger.Entry entry = new RunLedger(db.dataSource()).find("flaky", DAY).orElseThrow();
        assertThat(entry.status()).isEqualTo("FAILED");
        assertThat(entry.attempt()).isEqualTo(3);
        assertThat(entry.error()).contains("flaky stage always fails");
    }

    @Test
    void backfillRunsEachDateOnceInOrder() throws Exception {
        var pipeline = ProbeStages.pipeline(db.dataSource(), "cli", 0);
        pipeline.backfill("probe", DAY, DAY.plusDays(3), false);
        pipeline.backfill("probe", DAY.plusDays(2), DAY.plusDays(4), false);
        assertThat(probes("probe", "start")).containsExactly(DAY + " cli", DAY.plusDays(1) + " cli",
                DAY.plusDays(2) + " cli", DAY.plusDays(3) + " cli", DAY.plusDays(4) + " cli");
    }
}
