package io.setlist.scheduler;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failing stage is recorded with its error, leaves the last published run current, and a second run resumes
 * at the failed stage without redoing the ones that succeeded.
 */
class FailedRunTest {
    @TempDir
    Path home;

    @Test
    void aFailedStageKeepsTheLastPublishedRunAndCanBeRerun() {
        LocalDate first = LocalDate.parse("2026-09-01");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(150, 10, 3, first), home.resolve("data"));
        var settings = RealBackends.isolatedConfig(home);
        try (Backends backends = Backends.open(settings)) {
            WorkloadImport.importDirectory(backends.warehouse(), home.resolve("data"));
            DailyPipeline good = DailyPipeline.standard(backends, settings);
            LocalDate day1 = first.plusDays(8);
            good.run(day1, false);
            PublishedRuns runs = new PublishedRuns(backends.dynamo(), backends.tables());
            String published = runs.currentRun().orElseThrow().runId();

            // Day 2: the completion stage breaks.
            AtomicBoolean broken = new AtomicBoolean(true);
            List<Stage> stages = new ArrayList<>();
            DailyPipeline standard = DailyPipeline.standard(backends, settings);
            for (String job : standard.jobs()) {
                Stage real = standard.stage(job);
                stages.add(!job.equals("completion") ? real : new Stage() {
                    @Override
                    public String job() {
                        return "completion";
                    }

                    @Override
                    public Outcome run(RunContext context) {
                        if (broken.get()) {
                            throw new IllegalStateException("disk full");
                        }
                        return real.run(context);
                    }
                });
            }
            RunLedger ledger = new RunLedger(backends.warehouse());
            DailyPipeline flaky = new DailyPipeline(stages, ledger, Clock.systemUTC());
            LocalDate day2 = day1.plusDays(1);
            assertThatThrownBy(() -> flaky.run(day2, false)).hasMessageContaining("completion failed")
                    .hasMessageContaining("disk full");
            assertThat(ledger.find("completion", day2).orElseThrow().status()).isEqualTo("FAILED");
            assertThat(ledger.find("completion", day2).orElseThrow().error()).contains("disk full");
            assertThat(ledger.find("publish", day2)).isEmpty();
            assertThat(runs.currentRun().orElseThrow().runId()).isEqualTo(published);

            // Fixed and re-run: succeeded stages are skipped, the failed one runs again (attempt 2), day 2 is published.
            broken.set(false);
            List<DailyPipeline.StageReport> reports = flaky.run(day2, false);
            assertThat(reports).filteredOn(DailyPipeline.StageReport::skipped)
                    .extracting(DailyPipeline.StageReport::job).containsExactly("retention", "purge", "recommend");
            assertThat(ledger.find("completion", day2).orElseThrow().attempt()).isEqualTo(2);
            assertThat(runs.currentRun().orElseThrow().businessDate()).isEqualTo(day2);
        }
    }
}
