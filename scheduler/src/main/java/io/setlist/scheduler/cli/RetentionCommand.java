package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Settings;
import io.setlist.sql.retention.CohortRetention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Day-N retention of one install cohort: users who first installed on a date and were active "
                + "on any of the given days after it.")
final class RetentionCommand implements Callable<Integer> {
    @Option(names = "--install-date", required = true, description = "Install date YYYY-MM-DD.")
    LocalDate installDate;

    @Option(names = "--days", defaultValue = "1-7", description = "Day range after install, e.g. 1-7 (default: ${DEFAULT-VALUE}).")
    String days;

    @Option(names = "--format", defaultValue = "table", description = "table | json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        String[] range = days.split("-");
        int from;
        int to;
        try {
            from = Integer.parseInt(range[0].trim());
            to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--days must look like 1-7 or 3, got '" + days + "'");
        }
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        try (Backends backends = Backends.open(Settings.fromEnvironment())) {
            CohortRetention.Result r = new CohortRetention(backends.warehouse()).compute(installDate, from, to);
            if (format.equals("json")) {
                System.out.printf("{\"installDate\":\"%s\",\"dayFrom\":%d,\"dayTo\":%d,\"cohortSize\":%d,"
                                + "\"retained\":%d,\"rate\":%.4f}%n", r.installDate(), r.dayFrom(), r.dayTo(),
                        r.cohortSize(), r.retained(), r.rate());
            } else {
                System.out.printf("install date %s: %,d users installed, %,d active on days %d-%d (%.1f%%)%n",
                        r.installDate(), r.cohortSize(), r.retained(), r.dayFrom(), r.dayTo(), 100 * r.rate());
            }
        }
        return 0;
    }
}
