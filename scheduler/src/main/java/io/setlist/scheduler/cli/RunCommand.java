package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.BusinessDate;
import io.setlist.scheduler.pipeline.DailyPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daily pipeline (all) or one job (import, retention, purge, recommend, completion, "
                + "publish, cleanup) for a business date, or backfill a date range. A job that already succeeded "
                + "for a date is skipped unless --force. Dates later than today (UTC) are refused (exit 2); a job "
                + "already running for the date, here or on another node, is refused (exit 3).")
final class RunCommand implements Callable<Integer>, ClockedFactory.UsesClock {
    private Clock clock = Clock.systemUTC();

    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Parameters(index = "0", defaultValue = "all", description = "all | retention | recommend | completion | publish | cleanup "
            + "(default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--date", converter = BusinessDateOption.class,
            description = "Business date YYYY-MM-DD, not later than today (default: yesterday, UTC).")
    LocalDate date;

    @Option(names = "--from", converter = BusinessDateOption.class, description = "Backfill: first business date (with --to); each date runs once, in order.")
    LocalDate from;

    @Option(names = "--to", converter = BusinessDateOption.class, description = "Backfill: last business date, inclusive.")
    LocalDate to;

    @Option(names = "--force", description = "Run jobs again even if they already succeeded for the date.")
    boolean force;

    @Option(names = "--engine", defaultValue = "jvm", description = "jvm (default): this process. spark: "
            + "`./setlist run recommend --engine spark [--master URL]` runs the recommend job on Apache Spark, from "
            + "the scheduler/spark module, whose classpath (unlike this one) has Spark.")
    String engine;

    @Override
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if ((from == null) != (to == null) || (from != null && date != null)) {
            throw new IllegalArgumentException("use either --date D or both --from D1 --to D2");
        }
        if ("spark".equals(engine)) {
            throw new IllegalArgumentException("the Spark engine is not on the service's classpath: run "
                    + "`./setlist run recommend --engine spark [--master URL]` (the launcher starts it from "
                    + "scheduler/spark) or spark-submit the setlist-spark module (README, \"Recommend on Apache Spark\")");
        }
        if (!"jvm".equals(engine)) {
            throw new IllegalArgumentException("--engine must be jvm or spark, got '" + engine + "'");
        }
        LocalDate businessDate = date != null ? date : BusinessDate.yesterday(clock);
        Config config = startup.get();
        try (Backends backends = Backends.open(config)) {
            DailyPipeline pipeline = DailyPipeline.standard(backends, config, clock);
            List<DailyPipeline.StageReport> reports = from != null
                    ? pipeline.backfill(job, from, to, force)
                    : "all".equals(job) ? pipeline.run(businessDate, force)
                    : List.of(pipeline.runOne(job, businessDate, force));
            StageTable.print(reports);
        }
        return 0;
    }
}
