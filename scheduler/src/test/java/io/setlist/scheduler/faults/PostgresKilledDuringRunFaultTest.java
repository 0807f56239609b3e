package io.setlist.scheduler.faults;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.sql.RestartablePostgres;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL (a durable server on disk) is killed with SIGKILL during a daily run, as the completion stage starts
 * and after recommend has committed. The run fails with an error naming the stage; readers stay on the last
 * published run; after a restart (crash recovery) the warehouse holds the committed day of recommend and nothing
 * of completion; the stage's RUNNING row, whose failure could not be recorded while the server was down, is taken
 * over once its lease expires, and the rerun completes and publishes the day.
 */
@Tag("fault")
class PostgresKilledDuringRunFaultTest {
    @TempDir
    Path home;

    @Test
    void aRunWhoseDatabaseDiesFailsClearlyAndTheRerunAfterARestartCompletes() throws Exception {
        try (RestartablePostgres pg = RestartablePostgres.start(home.resolve("pg"))) {
            LocalDate first = LocalDate.parse("2026-09-01");
            SyntheticWorkload.generate(new SyntheticWorkload.Settings(150, 10, 3, first), home.resolve("data"));
            Config settings = RealBackends.isolatedConfig(home, Map.of(
                    "SETLIST_JDBC_URL", pg.server().jdbcUrl("postgres"), "SETLIST_JDBC_USER", pg.server().user()));
            try (Backends backends = Backends.open(settings)) {
                DataSource ds = backends.warehouse();
                WorkloadImport.importDirectory(ds, home.resolve("data"));
                LocalDate day1 = first.plusDays(8);
                DailyPipeline.standard(backends, settings).run(day1, false);
                PublishedRuns runs = new PublishedRuns(backends.dynamo(), backends.tables());
                String published = runs.currentRun().orElseThrow().runId();

                DailyPipeline standard = DailyPipeline.standard(backends, settings);
                List<Stage> stages = new ArrayList<>();
                boolean[] kill = {true};
                for (String job : standard.jobs()) {
                    Stage real = standard.stage(job);
                    stages.add(!job.equals("completion") ? real : new Stage() {
                        @Override
                        public String job() {
                            return "completion";
                        }

                        @Override
                        public Outcome run(RunContext context) {
                            if (kill[0]) {
                                kill[0] = false;
                                pg.server().kill();
                            }
                            return real.run(context);
                        }
                    });
                }
                RunLedger ledger = new RunLedger(ds, Duration.ofSeconds(2));
                DailyPipeline pipeline = new DailyPipeline(stages, ledger, Clock.systemUTC(), "node-a");
                LocalDate day2 = day1.plusDays(1);

                assertThatThrownBy(() -> pipeline.run(day2, false))
                        .isInstanceOf(DailyPipeline.StageFailedException.class)
                        .hasMessageContaining("completion failed for " + day2);
                assertThat(runs.currentRun().orElseThrow().runId()).isEqualTo(published);

                pg.restart();
                assertThat(count(ds, "SELECT count(DISTINCT user_id) FROM recommendations WHERE business_date = '"
                        + day2 + "'")).isEqualTo(150);
                assertThat(count(ds, "SELECT count(*) FROM track_completion WHERE business_date = '" + day2 + "'"))
                        .isZero();
                assertThat(count(ds, "SELECT count(*) FROM cache_priorities WHERE business_date = '" + day2 + "'"))
                        .isZero();
                assertThat(ledger.find("recommend", day2).orElseThrow().status()).isEqualTo("SUCCEEDED");
                assertThat(ledger.find("completion", day2).orElseThrow().status()).isEqualTo("RUNNING");
                assertThat(ledger.find("publish", day2)).isEmpty();

                Thread.sleep(2_500); // the dead run's lease expires
                List<DailyPipeline.StageReport> rerun = new DailyPipeline(stages, ledger, Clock.systemUTC(), "node-b")
                        .run(day2, false);

                assertThat(rerun).filteredOn(DailyPipeline.StageReport::skipped)
                        .extracting(DailyPipeline.StageReport::job).containsExactly("retention", "purge", "recommend");
                RunLedger.Entry completion = ledger.find("completion", day2).orElseThrow();
                assertThat(completion.status()).isEqualTo("SUCCEEDED");
                assertThat(completion.takenOverFrom()).contains("node-a");
                assertThat(runs.currentRun().orElseThrow().businessDate()).isEqualTo(day2);
            }
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
