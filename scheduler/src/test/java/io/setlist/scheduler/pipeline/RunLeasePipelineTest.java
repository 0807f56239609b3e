package io.setlist.scheduler.pipeline;

import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two pipelines (two nodes, two connection pools' worth of callers) on one warehouse: one run of a (job, date) at
 * a time, the second refused while the first runs, an expired lease taken over, and a late loser unable to
 * overwrite the winner's SUCCEEDED.
 */
class RunLeasePipelineTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path home;

    /** A stage that counts its runs and blocks until released. */
    private static final class GatedStage implements Stage {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean failAtEnd;

        @Override
        public String job() {
            return "gated";
        }

        @Override
        public Outcome run(RunContext context) {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failAtEnd) {
                throw new IllegalStateException("late failure of the stalled run");
            }
            return new Outcome(1, 1, "gated ran");
        }
    }

    @Test
    void whileOneRunHoldsTheJobAnotherIsRefusedAndAfterwardsSkips() throws Exception {
        try (Backends backends = RealBackends.open(home)) {
            DataSource ds = backends.warehouse();
            GatedStage stage = new GatedStage();
            DailyPipeline a = new DailyPipeline(List.of(stage), new RunLedger(ds), Clock.systemUTC(), "node-a");
            DailyPipeline b = new DailyPipeline(List.of(stage), new RunLedger(ds), Clock.systemUTC(), "node-b");

            CompletableFuture<DailyPipeline.StageReport> first = CompletableFuture.supplyAsync(
                    () -> a.runOne("gated", DAY, false));
            assertThat(stage.started.await(30, TimeUnit.SECONDS)).isTrue();

            // Forced or not, the second caller is refused with who holds it.
            for (boolean force : new boolean[]{false, true}) {
                assertThatThrownBy(() -> b.runOne("gated", DAY, force))
                        .isInstanceOf(RunLeaseHeldException.class)
                        .hasMessageContaining("gated for " + DAY + " is already running")
                        .hasMessageContaining("node-a");
            }
            assertThatThrownBy(() -> b.run(DAY, false)).isInstanceOf(RunLeaseHeldException.class);
            stage.release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS).skipped()).isFalse();
            assertThat(b.runOne("gated", DAY, false).skipped()).isTrue();
            assertThat(stage.runs.get()).isEqualTo(1);
            RunLedger.Entry row = a.ledger().find("gated", DAY).orElseThrow();
            assertThat(row.status()).isEqualTo("SUCCEEDED");
            assertThat(row.node()).isEqualTo("node-a");
        }
    }

    @Test
    void aStalledRunLosesItsExpiredLeaseAndItsLateFailureNeverOverwritesTheWinner() throws Exception {
        try (Backends backends = RealBackends.open(home)) {
            DataSource ds = backends.warehouse();
            GatedStage stalled = new GatedStage();
            stalled.failAtEnd = true;
            RunLedger ledger = new RunLedger(ds, Duration.ofSeconds(2));
            DailyPipeline a = new DailyPipeline(List.of(stalled), ledger, Clock.systemUTC(), "node-a");
            CompletableFuture<DailyPipeline.StageReport> loser = CompletableFuture.supplyAsync(
                    () -> a.runOne("gated", DAY, false));
            assertThat(stalled.started.await(30, TimeUnit.SECONDS)).isTrue();

            // node-a stops renewing (a GC pause, a network partition): its lease runs out.
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE job_runs SET lease_expires_at = now() - interval '1 second' "
                        + "WHERE job = 'gated'");
            }
            GatedStage healthy = new GatedStage();
            healthy.release.countDown();
            DailyPipeline b = new DailyPipeline(List.of(healthy), ledger, Clock.systemUTC(), "node-b");
            assertThat(b.runOne("gated", DAY, false).skipped()).isFalse();
            RunLedger.Entry won = ledger.find("gated", DAY).orElseThrow();
            assertThat(won.status()).isEqualTo("SUCCEEDED");
            assertThat(won.node()).isEqualTo("node-b");
            assertThat(won.takenOverFrom()).contains("node-a");

            stalled.release.countDown();
            assertThatThrownBy(() -> loser.get(30, TimeUnit.SECONDS))
                    .hasRootCauseMessage("late failure of the stalled run");
            RunLedger.Entry after = ledger.find("gated", DAY).orElseThrow();
            assertThat(after.status()).isEqualTo("SUCCEEDED");
            assertThat(after.node()).isEqualTo("node-b");
            assertThat(after.error()).isNull();
        }
    }

    @Test
    void aFutureBusinessDateIsRefusedBeforeAnyStageOrLedgerRow() {
        try (Backends backends = RealBackends.open(home)) {
            GatedStage stage = new GatedStage();
            stage.release.countDown();
            Clock today = Clock.fixed(java.time.Instant.parse("2026-11-20T23:59:59Z"), java.time.ZoneOffset.UTC);
            DailyPipeline p = new DailyPipeline(List.of(stage), new RunLedger(backends.warehouse()), today, "n");

            assertThatThrownBy(() -> p.run(DAY.plusDays(1), false))
                    .isInstanceOf(BusinessDate.FutureDateException.class)
                    .hasMessageContaining("2026-11-21 is in the future (today is 2026-11-20");
            assertThatThrownBy(() -> p.runOne("gated", LocalDate.of(2099, 1, 1), true))
                    .isInstanceOf(BusinessDate.FutureDateException.class);
            assertThatThrownBy(() -> p.backfill("all", DAY.minusDays(2), DAY.plusDays(1), false))
                    .isInstanceOf(BusinessDate.FutureDateException.class);
            assertThat(stage.runs.get()).isZero();
            assertThat(p.ledger().latest(null, 10)).isEmpty();

            assertThat(p.runOne("gated", DAY, false).skipped()).isFalse(); // today itself is fine
        }
    }
}
