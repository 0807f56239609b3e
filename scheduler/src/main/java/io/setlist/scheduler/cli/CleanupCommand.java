package io.setlist.scheduler.cli;

import io.setlist.infra.publish.RunCleanup;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Delete the DynamoDB items of runs older than the last K published runs (the current run is "
                + "always kept), and of publishes abandoned for more than a day. The daily pipeline does this too, "
                + "as its last job.")
final class CleanupCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--keep", description = "Published runs to keep, the current one included "
            + "(default: SETLIST_KEEP_RUNS or 3).")
    Integer keep;

    @Override
    public Integer call() {
        Config config = startup.get();
        int k = keep != null ? keep : config.publish().keepRuns();
        try (Backends backends = Backends.open(config)) {
            long t0 = System.nanoTime();
            RunCleanup.Report report = new RunCleanup(backends.dynamo(), backends.tables()).run(k, Duration.ofDays(1));
            System.out.printf("kept %s%ndeleted %,d item(s) of %d run(s) %s in %.1f s%n", report.runsKept(),
                    report.itemsDeleted(), report.runsDeleted().size(), report.runsDeleted(),
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }
}
