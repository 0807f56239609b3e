package io.setlist.lab.cli;

import io.setlist.scheduler.cli.Dates;
import io.setlist.sql.workload.LastfmSynthetic;
import io.setlist.sql.workload.SyntheticWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write deterministic synthetic data: generate [FORMAT] --users N --out DIR. FORMAT setlist "
                + "(default) writes the Setlist workload (users, artists, tracks, plays, events as CSV; "
                + "docs/data-formats.md); lastfm-360k writes the two Last.fm 360K .tsv files "
                + "(full size: --users 359347).")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "setlist", paramLabel = "FORMAT",
            description = "setlist | lastfm-360k (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--users", defaultValue = "3000", description = "Number of users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "30", description = "Days of events (setlist; default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-day", description = "First day of events, YYYY-MM-DD (setlist; default: the window ends yesterday, UTC).")
    LocalDate firstDay;

    @Option(names = "--crlf", description = "End lines with CRLF (lastfm-360k), like some copies of the dataset.")
    boolean crlf;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        if (users < 1 || days < 1) {
            throw new IllegalArgumentException("--users and --days must be at least 1");
        }
        long t0 = System.nanoTime();
        switch (format) {
            case "setlist" -> {
                LocalDate first = firstDay != null ? firstDay : Dates.yesterdayUtc().minusDays(days - 1L);
                SyntheticWorkload.Summary s = SyntheticWorkload.generate(
                        new SyntheticWorkload.Settings(users, days, seed, first), out);
                System.out.printf("generated %s in %.1f s: %,d users, %,d artists, %,d tracks, %,d play rows, %,d "
                                + "events (%s .. %s)%n", out, (System.nanoTime() - t0) / 1e9, s.users(), s.artists(),
                        s.tracks(), s.plays(), s.events(), first, first.plusDays(days - 1L));
            }
            case "lastfm-360k" -> {
                LastfmSynthetic.Summary s = LastfmSynthetic.generate(new LastfmSynthetic.Settings(users, seed, crlf), out);
                System.out.printf("generated %s in %.1f s: %,d users, %,d artists, %,d play rows (%,d malformed), "
                                + "%,d profile rows (%,d malformed)%n", out, (System.nanoTime() - t0) / 1e9, s.users(),
                        s.artists(), s.playRows(), s.malformedPlayRows(), s.profileRows(), s.malformedProfileRows());
            }
            default -> throw new IllegalArgumentException("unknown format '" + format + "'; formats: setlist, lastfm-360k");
        }
        return 0;
    }
}
