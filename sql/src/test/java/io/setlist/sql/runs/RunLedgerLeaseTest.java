package io.setlist.sql.runs;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The run ledger as a lock: one holder per (job, date), heartbeats, expiry and takeover, fenced endings. */
class RunLedgerLeaseTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void ofManyCallersRacingOnSeparateConnectionPoolsExactlyOneStarts() throws Exception {
        int callers = 8;
        try (Database db = TestWarehouse.freshDatabase()) {
            // Each caller has its own pool, as separate processes or nodes would.
            String url = db.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
            List<Database> pools = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                pools.add(Database.open(url, TestWarehouse.server().user(), "", 2));
            }
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            try {
                for (int round = 0; round < 5; round++) {
                    LocalDate date = DAY.plusDays(round);
                    CyclicBarrier start = new CyclicBarrier(callers);
                    List<Future<RunLedger.Begin>> results = new ArrayList<>();
                    for (int i = 0; i < callers; i++) {
                        RunLedger ledger = new RunLedger(pools.get(i).dataSource());
                        String node = "node" + i;
                        results.add(threads.submit(() -> {
                            start.await();
                            return ledger.begin("recommend", date, date + "." + node, node, true);
                        }));
                    }
                    int started = 0;
                    int held = 0;
                    for (Future<RunLedger.Begin> r : results) {
                        RunLedger.Begin b = r.get();
                        started += b instanceof RunLedger.Started ? 1 : 0;
                        held += b instanceof RunLedger.Held h && h.holder() != null
                                && h.holder().status().equals("RUNNING") ? 1 : 0;
                    }
                    assertThat(started).as("round %d", round).isEqualTo(1);
                    assertThat(held).as("round %d", round).isEqualTo(callers - 1);
                }
            } finally {
                threads.shutdownNow();
                pools.forEach(Database::close);
            }
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndRecordedAndTheLoserCannotOverwriteTheWinner() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            RunLedger ledger = new RunLedger(db.dataSource(), Duration.ofSeconds(1));
            assertThat(ledger.begin("publish", DAY, "run-a", "node-a", false)).isInstanceOf(RunLedger.Started.class);
            // Live: refused, even forced.
            assertThat(ledger.begin("publish", DAY, "run-b", "node-b", true)).isInstanceOf(RunLedger.Held.class);

            Thread.sleep(1_300); // node-a sends no heartbeat: it "crashed"
            RunLedger.Begin takeover = ledger.begin("publish", DAY, "run-b", "node-b", false);

            assertThat(takeover).isInstanceOf(RunLedger.Started.class);
            assertThat(((RunLedger.Started) takeover).takenOverFrom()).contains("run-a").contains("node-a");
            assertThat(((RunLedger.Started) takeover).attempt()).isEqualTo(2);
            RunLedger.Entry row = ledger.find("publish", DAY).orElseThrow();
            assertThat(row.runId()).isEqualTo("run-b");
            assertThat(row.takenOverFrom()).contains("run-a");

            // The old holder comes back and fails: nothing recorded, its lease is gone.
            assertThat(ledger.heartbeat("publish", DAY, "run-a")).isFalse();
            assertThat(ledger.fail("publish", DAY, "run-a", "late failure")).isFalse();
            assertThat(ledger.find("publish", DAY).orElseThrow().status()).isEqualTo("RUNNING");

            assertThat(ledger.succeed("publish", DAY, "run-b", 10, 20, "done")).isTrue();
            assertThat(ledger.fail("publish", DAY, "run-a", "even later failure")).isFalse();
            RunLedger.Entry end = ledger.find("publish", DAY).orElseThrow();
            assertThat(end.status()).isEqualTo("SUCCEEDED");
            assertThat(end.error()).isNull();
            assertThat(end.leaseExpiresAt()).isNull();
            assertThat(ledger.begin("publish", DAY, "run-c", "node-c", false))
                    .isInstanceOf(RunLedger.AlreadySucceeded.class);
        }
    }

    @Test
    void aHeartbeatKeepsTheLeaseBeyondItsTimeAndClosingStopsIt() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            RunLedger ledger = new RunLedger(db.dataSource(), Duration.ofSeconds(1));
            assertThat(ledger.begin("completion", DAY, "run-a", "node-a", false))
                    .isInstanceOf(RunLedger.Started.class);
            try (RunLease lease = RunLease.hold(ledger, "completion", DAY, "run-a")) {
                Thread.sleep(2_500);
                assertThat(ledger.begin("completion", DAY, "run-b", "node-b", false))
                        .isInstanceOf(RunLedger.Held.class);
                assertThat(lease.lost()).isFalse();
            }
            Thread.sleep(1_300);
            assertThat(ledger.begin("completion", DAY, "run-b", "node-b", false))
                    .isInstanceOf(RunLedger.Started.class);
        }
    }

    @Test
    void aRunningRowFromBeforeLeasesExistedIsTakenOver() throws Exception {
        try (Database db = TestWarehouse.freshDatabase()) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO job_runs (job, business_date, run_id, status, node) "
                        + "VALUES ('retention', '" + DAY + "', 'old-run', 'RUNNING', 'gone-node')");
            }
            RunLedger.Begin b = new RunLedger(db.dataSource()).begin("retention", DAY, "new-run", "n", false);
            assertThat(b).isInstanceOf(RunLedger.Started.class);
            assertThat(((RunLedger.Started) b).takenOverFrom()).contains("old-run").contains("gone-node");
        }
    }
}
