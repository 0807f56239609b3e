package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.sql.retention.CohortRetention;
import io.setlist.sql.retention.RetentionMatrix;
import io.setlist.sql.retention.Rollups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "retention", mixinStandardHelpOptions = true,
        description = {"Cohort retention.",
                "  retention --install-date D [--days 1-7]: users who first installed on D and were active on any "
                        + "of those days after it (the seed's question, with half-open day ranges).",
                "  retention --from D1 --to D2 [--by day|week]: the cohort matrix of installs on D1..D2, with "
                        + "classic (active on exactly day/week N) and rolling (N or later) counts and rates.",
                "Both bring the rollups up to date first and read them, not the raw events."})
final class RetentionCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--install-date", description = "Install date YYYY-MM-DD (one cohort).")
    LocalDate installDate;

    @Option(names = "--days", defaultValue = "1-7", description = "Day range after install, e.g. 1-7 (default: ${DEFAULT-VALUE}).")
    String days;

    @Option(names = "--from", description = "First install date of the matrix, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", description = "Last install date of the matrix, YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--by", defaultValue = "day", description = "Matrix cohorts: day (days 1-30) | week (weeks 1-12) (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--format", defaultValue = "table", description = "table | json | csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        boolean matrix = from != null || to != null;
        if (matrix == (installDate != null)) {
            throw new IllegalArgumentException("give either --install-date, or --from and --to");
        }
        if (matrix && (from == null || to == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        RetentionMatrix.CohortBy cohortBy = RetentionMatrix.CohortBy.parse(by);
        try (Backends backends = Backends.open(startup.get())) {
            new Rollups(backends.warehouse()).refresh();
            if (matrix) {
                List<RetentionMatrix.Cohort> cohorts = new RetentionMatrix(backends.warehouse()).compute(from, to, cohortBy);
                System.out.print(MatrixText.render(cohorts, cohortBy, format));
            } else {
                int[] range = dayRange(days);
                printOne(new CohortRetention(backends.warehouse()).computeFromRollups(installDate, range[0], range[1]));
            }
        }
        return 0;
    }

    static int[] dayRange(String days) {
        String[] range = days.split("-");
        try {
            int first = Integer.parseInt(range[0].trim());
            int last = range.length > 1 ? Integer.parseInt(range[1].trim()) : first;
            return new int[]{first, last};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--days must look like 1-7 or 3, got '" + days + "'");
        }
    }

    private void printOne(CohortRetention.Result r) {
        switch (format) {
            case "json" -> System.out.printf("{\"installDate\":\"%s\",\"dayFrom\":%d,\"dayTo\":%d,\"cohortSize\":%d,"
                            + "\"retained\":%d,\"rate\":%.4f}%n", r.installDate(), r.dayFrom(), r.dayTo(),
                    r.cohortSize(), r.retained(), r.rate());
            case "csv" -> System.out.printf("install_date,day_from,day_to,cohort_size,retained,rate%n%s,%d,%d,%d,%d,%.4f%n",
                    r.installDate(), r.dayFrom(), r.dayTo(), r.cohortSize(), r.retained(), r.rate());
            default -> System.out.printf("install date %s: %,d users installed, %,d active on days %d-%d (%.1f%%)%n",
                    r.installDate(), r.cohortSize(), r.retained(), r.dayFrom(), r.dayTo(), 100 * r.rate());
        }
    }
}
