package io.setlist.scheduler.pipeline;

import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.ScheduleSettings;
import io.setlist.scheduler.config.PublishSettings;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.PipelineSettings;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.runs.RunLease;
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

/**
 * The daily run for one business date: [import →] retention → purge → recommend → completion → publish. Every stage goes through the
 * run ledger: one that already succeeded for the date is skipped (unless forced), one that fails is recorded with
 * its error and stops the run, leaving the last published run in place; running again resumes where it failed.
 *
 * <p>A stage runs under the lease of its (job, date) in the ledger: while one run holds it (on this node or any
 * other, from the daily chain, a per-job trigger, the admin API or the command line), another is refused with
 * {@link RunLeaseHeldException}. Business dates later than today (UTC, on the pipeline's clock) are refused.
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

    /** The recommender settings the recommend stage runs with (also what explanations must replay). */
    public static RecommenderSettings recommenderSettings(PipelineSettings settings) {
        RecommenderSettings defaults = RecommenderSettings.defaults();
        return new RecommenderSettings(Weighting.BM25, settings.neighbours(), settings.recommendations(),
                defaults.profileWeight(), defaults.minPlaysForNeighbours(), Runtime.getRuntime().availableProcessors(),
                0, settings.scoring());
    }

    /** The standard stages on the given backends: [import], retention, purge, recommend, completion, publish, cleanup. */
    public static DailyPipeline standard(Backends backends, Config config) {
        return standard(backends, config, Clock.systemUTC());
    }

    /** The standard stages, with "today" taken from {@code clock}. */
    public static DailyPipeline standard(Backends backends, Config config, Clock clock) {
        return standard(backends, config, clock, null);
    }

    /**
     * The standard stages, with the completion stage bringing {@code served} (this node's prediction feature source,
     * or null) forward after each run.
     */
    public static DailyPipeline standard(Backends backends, Config config, Clock clock, PlayFeatureSource served) {
        PipelineSettings settings = config.pipeline();
        RecommenderSettings recommender = recommenderSettings(settings);
        PublishSettings publish = config.publish();
        List<Stage> stages = new ArrayList<>();
        if (settings.inbox() != null) {
            stages.add(new ImportStage(backends.warehouse(), settings.inbox()));
        }
        stages.addAll(List.of(
                new RetentionStage(backends.warehouse()),
                new PurgeStage(backends.warehouse(), settings.eventRetentionDays(), settings.predictionRetentionDays()),
                new RecommendStage(backends.warehouse(), recommender),
                new CompletionStage(backends.warehouse(), settings.cacheTiers(), settings.cacheDemand(),
                        settings.cachePriority(), served),
                new PublishStage(backends.warehouse(), backends.dynamo(), backends.tables(), publish),
                new CleanupStage(backends.dynamo(), backends.tables(), publish.keepRuns())));
        return new DailyPipeline(stages, new RunLedger(backends.warehouse(), settings.runLease()), clock,
                config.schedule().node());
    }

    public RunLedger ledger() {
        return ledger;
    }

    /** The clock that says which day is today. */
    public Clock clock() {
        return clock;
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
        BusinessDate.requireNotFuture(date, clock);
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
        BusinessDate.requireNotFuture(to, clock);
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
        BusinessDate.requireNotFuture(date, clock);
        Instant startedAt = clock.instant();
        return runStage(stage, date, date + "." + RUN_STAMP.format(startedAt), startedAt, force);
    }

    private StageReport runStage(Stage stage, LocalDate date, String runId, Instant startedAt, boolean force) {
        MDC.put("job", stage.job());
        MDC.put("businessDate", date.toString());
        MDC.put("runId", runId);
        try {
            RunLedger.Begin begin = ledger.begin(stage.job(), date, runId, node, force);
            if (begin instanceof RunLedger.AlreadySucceeded) {
                LOG.info("{} already succeeded for {}: skipped", stage.job(), date);
                return new StageReport(stage.job(), date, true, 0, 0, 0, "already succeeded for " + date);
            }
            if (begin instanceof RunLedger.Held held) {
                throw new RunLeaseHeldException(stage.job(), date, held.holder());
            }
            RunLedger.Started started = (RunLedger.Started) begin;
            if (started.takenOverFrom() != null) {
                LOG.warn("{} for {}: took over the expired lease of {}", stage.job(), date, started.takenOverFrom());
            }
            return runHeld(stage, date, runId, startedAt, started.attempt());
        } finally {
            MDC.clear();
        }
    }

    /** Runs a stage whose lease this run holds, and records its end (only while it still holds the lease). */
    private StageReport runHeld(Stage stage, LocalDate date, String runId, Instant startedAt, int attempt) {
        long t0 = System.nanoTime();
        Stage.Outcome outcome;
        try (RunLease lease = RunLease.hold(ledger, stage.job(), date, runId)) {
            outcome = stage.run(new Stage.RunContext(date, runId, startedAt));
        } catch (Throwable e) {
            // Errors too: a RUNNING row left behind would hold the (job, date) until its lease expired.
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            boolean recorded = recordEnd(() -> ledger.fail(stage.job(), date, runId, error), e);
            PipelineMetrics.job(stage.job(), "failed", (System.nanoTime() - t0) / 1e9);
            LOG.error("{} for {} failed (attempt {}): {}{}", stage.job(), date, attempt, error,
                    recorded ? "" : " (not recorded: this run no longer held the lease)", e);
            if (e instanceof Error err) {
                throw err;
            }
            throw new StageFailedException(stage.job(), date, error, e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean recorded = outcome.skipped()
                ? ledger.skip(stage.job(), date, runId, outcome.summary())
                : ledger.succeed(stage.job(), date, runId, outcome.rowsIn(), outcome.rowsOut(), outcome.summary());
        if (!recorded) {
            String error = "run " + runId + " lost its lease on " + stage.job() + " for " + date
                    + " (it expired and another run took it over); its outcome was not recorded";
            PipelineMetrics.job(stage.job(), "failed", seconds);
            LOG.error(error);
            throw new StageFailedException(stage.job(), date, error, null);
        }
        PipelineMetrics.job(stage.job(), outcome.skipped() ? "skipped" : "succeeded", seconds);
        LOG.info("{} for {} {} in {} s: {}", stage.job(), date, outcome.skipped() ? "skipped" : "succeeded",
                String.format("%.2f", seconds), outcome.summary());
        return new StageReport(stage.job(), date, outcome.skipped(), outcome.rowsIn(), outcome.rowsOut(), seconds,
                outcome.summary());
    }

    /** Records a failure; a ledger that cannot be written (the database is gone) must not hide the stage's error. */
    private static boolean recordEnd(java.util.function.BooleanSupplier record, Throwable stageError) {
        try {
            return record.getAsBoolean();
        } catch (RuntimeException e) {
            stageError.addSuppressed(e);
            return true;
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
