package io.setlist.scheduler.cli;

import io.setlist.sql.workload.SyntheticWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic workload (users, artists, tracks, plays, events) as CSV files; "
                + "formats in docs/data-formats.md.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "3000", description = "Number of users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "30", description = "Days of events (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-day", description = "First day of events, YYYY-MM-DD (default: the window ends yesterday, UTC).")
    LocalDate firstDay;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        if (users < 1 || days < 1) {
            throw new IllegalArgumentException("--users and --days must be at least 1");
        }
        LocalDate first = firstDay != null ? firstDay : Dates.yesterdayUtc().minusDays(days - 1L);
        long t0 = System.nanoTime();
        SyntheticWorkload.Summary s = SyntheticWorkload.generate(new SyntheticWorkload.Settings(users, days, seed, first), out);
        System.out.printf("generated %s in %.1f s: %,d users, %,d artists, %,d tracks, %,d play rows, %,d events "
                        + "(%s .. %s)%n", out, (System.nanoTime() - t0) / 1e9, s.users(), s.artists(), s.tracks(),
                s.plays(), s.events(), first, first.plusDays(days - 1L));
        return 0;
    }
}
