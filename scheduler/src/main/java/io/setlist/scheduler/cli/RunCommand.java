package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Settings;
import io.setlist.scheduler.pipeline.DailyPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daily pipeline (all) or one job (retention, recommend, completion, publish, cleanup) for a "
                + "business date. A job that already succeeded for the date is skipped unless --force.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "all", description = "all | retention | recommend | completion | publish | cleanup "
            + "(default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--date", description = "Business date YYYY-MM-DD (default: yesterday, UTC).")
    LocalDate date;

    @Option(names = "--force", description = "Run jobs again even if they already succeeded for the date.")
    boolean force;

    @Override
    public Integer call() {
        LocalDate businessDate = date != null ? date : Dates.yesterdayUtc();
        try (Backends backends = Backends.open(Settings.fromEnvironment())) {
            DailyPipeline pipeline = DailyPipeline.standard(backends, Settings.fromEnvironment());
            List<DailyPipeline.StageReport> reports = "all".equals(job)
                    ? pipeline.run(businessDate, force)
                    : List.of(pipeline.runOne(job, businessDate, force));
            StageTable.print(reports);
        }
        return 0;
    }
}
