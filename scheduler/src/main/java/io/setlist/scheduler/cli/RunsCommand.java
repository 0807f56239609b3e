package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.sql.runs.RunLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Show the run ledger, newest first.")
final class RunsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--last", defaultValue = "20", description = "How many rows (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--job", description = "Only this job.")
    String job;

    @Override
    public Integer call() {
        try (Backends backends = Backends.open(startup.get())) {
            System.out.printf("%-11s %-10s %-11s %7s %8s %12s %12s  %s%n", "job", "date", "status", "attempt",
                    "seconds", "rows in", "rows out", "node: summary / error");
            for (RunLedger.Entry e : new RunLedger(backends.warehouse()).latest(job, last)) {
                String seconds = e.finishedAt() == null ? "-"
                        : String.format("%.1f", Duration.between(e.startedAt(), e.finishedAt()).toMillis() / 1000.0);
                System.out.printf("%-11s %-10s %-11s %7d %8s %12s %12s  %s%n", e.job(), e.businessDate(), e.status(),
                        e.attempt(), seconds, e.rowsIn() == null ? "-" : String.format("%,d", e.rowsIn()),
                        e.rowsOut() == null ? "-" : String.format("%,d", e.rowsOut()),
                        e.node() + ": " + (e.error() != null ? e.error() : e.summary())
                                + (e.takenOverFrom() == null ? "" : " [took over " + e.takenOverFrom() + "]"));
            }
        }
        return 0;
    }
}
