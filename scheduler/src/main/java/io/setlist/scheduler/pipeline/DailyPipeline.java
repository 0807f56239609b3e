package io.setlist.scheduler.pipeline;

import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.ScheduleSettings;
import io.setlist.scheduler.config.PublishSettings;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.PipelineSettings;
import io.setlist.sql.runs.RunLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily run for one business date: [import →] retention → purge → recommend → completion → publish. Every stage goes through the
 * run ledger: one that already succeeded for the date is skipped (unless forced), one that fails is recorded with
 * its error and stops the run, leaving the last published run in place; running again resumes where it failed.
 */
public final class DailyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DailyPipeline.class);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<Stage> stages;
    private final RunLedger ledger;
    private final Clock clock;
    private final String node;

    public DailyPipeline(List<Stage> stages, RunLedger ledger, Clock clock, String node) {
        this.stages = List.copyOf(stages);
        this.ledger = ledger;
        this.clock = clock;
        this.node = node;
    }

    /** With this process's default node name (host name and pid). */
    public DailyPipeline(List<Stage> stages, RunLedger ledger, Clock clock) {
        this(stages, ledger, clock, ScheduleSettings.defaultNode());
    }

    /** The standard stages on the given backends: [import], retention, purge, recommend, completion, publish, cleanup. */
    public static DailyPipeline standard(Backends backends, Config config) {
        PipelineSettings settings = config.pipeline();
        RecommenderSettings defaults = RecommenderSettings.defaults();
        RecommenderSettings recommender = new RecommenderSettings(Weighting.BM25, settings.neighbours(),
                settings.recommendations(), defaults.profileWeight(), defaults.minPlaysForNeighbours(),
                Runtime.getRuntime().availableProcessors());
        PublishSettings publish = config.publish();
        List<Stage> stages = new ArrayList<>();
        if (settings.inbox() != null) {
            stages.add(new ImportStage(backends.warehouse(), settings.inbox()));
        }
        stages.addAll(List.of(
                new RetentionStage(backends.warehouse()),
                new PurgeStage(backends.warehouse(), settings.eventRetentionDays()),
                new RecommendStage(backends.warehouse(), recommender),
                new CompletionStage(backends.warehouse(), settings.cacheTiers()),
                new PublishStage(backends.warehouse(), backends.dynamo(), backends.tables(), publish),
                new CleanupStage(backends.dynamo(), backends.tables(), publish.keepRuns())));
        return new DailyPipeline(stages, new RunLedger(backends.warehouse()), Clock.systemUTC(),
                config.schedule().node());
    }

    public RunLedger ledger() {
        return ledger;
    }

    public List<String> jobs() {
        return stages.stream().map(Stage::job).toList();
    }

    /** What one stage did in this invocation. */
    public record StageReport(String job, LocalDate businessDate, boolean skipped, long rowsIn, long rowsOut,
                              double seconds, String summary) {
    }

    /** Runs every stage for {@code date} in order; throws {@link StageFailedException} at the first failure. */
    public List<StageReport> run(LocalDate date, boolean force) {
        List<StageReport> reports = new ArrayList<>();
        Instant startedAt = clock.instant();
        String runId = date + "." + RUN_STAMP.format(startedAt);
        for (Stage stage : stages) {
            reports.add(runStage(stage, date, runId, startedAt, force));
        }
        return reports;
    }

    /**
     * Backfill: runs {@code job} (or every stage, for {@code "all"}) for each date from {@code from} to {@code to},
     * oldest first, each date once; stops at the first failure.
     */
    public List<StageReport> backfill(String job, LocalDate from, LocalDate to, boolean force) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill range is empty: " + from + " is after " + to);
        }
        List<StageReport> reports = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if ("all".equals(job)) {
                reports.addAll(run(date, force));
            } else {
                reports.add(runOne(job, date, force));
            }
        }
        return reports;
    }

    /** The stage behind a job name. */
    public Stage stage(String job) {
        return stages.stream().filter(s -> s.job().equals(job)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job '" + job + "'; jobs: " + jobs()));
    }

    /** Runs one named stage for {@code date}. */
    public StageReport runOne(String job, LocalDate date, boolean force) {
        Stage stage = stage(job);
        Instant startedAt = clock.instant();
        return runStage(stage, date, date + "." + RUN_STAMP.format(startedAt), startedAt, force);
    }

    private StageReport runStage(Stage stage, LocalDate date, String runId, Instant startedAt, boolean force) {
        MDC.put("job", stage.job());
        MDC.put("businessDate", date.toString());
        MDC.put("runId", runId);
        try {
            Optional<Integer> attempt = ledger.begin(stage.job(), date, runId, node, force);
            if (attempt.isEmpty()) {
                LOG.info("{} already succeeded for {}: skipped", stage.job(), date);
                return new StageReport(stage.job(), date, true, 0, 0, 0, "already succeeded for " + date);
            }
            long t0 = System.nanoTime();
            try {
                Stage.Outcome outcome = stage.run(new Stage.RunContext(date, runId, startedAt));
                double seconds = (System.nanoTime() - t0) / 1e9;
                ledger.succeed(stage.job(), date, outcome.rowsIn(), outcome.rowsOut(), outcome.summary());
                PipelineMetrics.job(stage.job(), "succeeded", seconds);
                LOG.info("{} for {} succeeded in {} s: {}", stage.job(), date, String.format("%.2f", seconds),
                        outcome.summary());
                return new StageReport(stage.job(), date, false, outcome.rowsIn(), outcome.rowsOut(), seconds,
                        outcome.summary());
            } catch (RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                ledger.fail(stage.job(), date, error);
                PipelineMetrics.job(stage.job(), "failed", (System.nanoTime() - t0) / 1e9);
                LOG.error("{} for {} failed (attempt {}): {}", stage.job(), date, attempt.get(), error, e);
                throw new StageFailedException(stage.job(), date, error, e);
            }
        } finally {
            MDC.clear();
        }
    }

    /** A stage failed; its error is in the run ledger and the last published run is still current. */
    public static final class StageFailedException extends RuntimeException {
        private final String job;

        public StageFailedException(String job, LocalDate date, String error, Throwable cause) {
            super(job + " failed for " + date + ": " + error, cause);
            this.job = job;
        }

        public String job() {
            return job;
        }
    }
}
