package io.setlist.lab.cli;

import io.setlist.scheduler.cli.ImportProgressView;
import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.sql.Database;
import io.setlist.lab.bench.ImportBenchmark;
import io.setlist.lab.bench.RetentionBenchmark;
import io.setlist.sql.embedded.LocalPostgres;
import io.setlist.sql.workload.LastfmSynthetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The warehouse benchmarks, subcommands of {@code bench}; each runs on a throwaway embedded PostgreSQL with its
 * baseline in the same run.
 */
final class WarehouseBench {
    private WarehouseBench() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Generate lastfm-360k (default full size) and import it; baseline: a bare COPY of the plays "
                    + "file. Run with SETLIST_JAVA_OPTS=-Xmx2g to hold the heap to 2 GB.")
    static final class Import implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--users", defaultValue = "359347", description = "Last.fm users (default: ${DEFAULT-VALUE}, full size).")
        int users;

        @Option(names = "--data", description = "Directory for the generated files (default: $SETLIST_HOME/bench/lastfm-<users>).")
        Path data;

        @Override
        public Integer call() {
            benchImport(startup.get().home());
            return 0;
        }

        private void benchImport(Path home) {
            Path dir = data != null ? data : home.resolve("bench").resolve("lastfm-" + users);
            if (!Files.isRegularFile(dir.resolve(LastfmSynthetic.PLAYS_FILE))
                    || !Files.isRegularFile(dir.resolve(LastfmSynthetic.PROFILE_FILE))) {
                long t0 = System.nanoTime();
                LastfmSynthetic.Summary s = LastfmSynthetic.generate(new LastfmSynthetic.Settings(users, 42, false), dir);
                System.out.printf("generated %,d play rows for %,d users in %.1f s into %s%n", s.playRows(), s.users(),
                        (System.nanoTime() - t0) / 1e9, dir);
            }
            try (LocalPostgres pg = LocalPostgres.startEphemeral();
                 Database db = Database.open(pg.jdbcUrl("postgres"), pg.user(), "", 4)) {
                ImportBenchmark.Result r = ImportBenchmark.run(db.dataSource(), dir, ImportProgressView.forConsole());
                System.out.printf("bench import lastfm-360k: %,d play rows (%,d users)%n", r.playRows(), users);
                System.out.printf("  baseline, bare COPY of the plays file (4 text columns, no checks): %7.1f s%n",
                        r.baselineSeconds());
                System.out.printf("  import of the plays file (validate, check and map keys in memory, COPY): %6.1f s  = %.2f x baseline%n",
                        r.playsFileSeconds(), r.ratio());
                System.out.printf("  import of both files: %.1f s, %,d rows loaded, %,d quarantined%n", r.importSeconds(),
                        r.loaded(), r.quarantined());
                System.out.printf("  peak heap during the import: %,d MiB (max heap %,d MiB)%n", r.peakHeapBytes() >> 20,
                        r.maxHeapBytes() >> 20);
            }
        }
    }

    @Command(name = "retention", mixinStandardHelpOptions = true,
            description = "Generate N events; the seed-style query on the raw events against the same question and "
                    + "the 30-day matrix from the rollups.")
    static final class Retention implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "50000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--days", defaultValue = "120", description = "Days the events span (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() {
            benchRetention();
            return 0;
        }

        private void benchRetention() {
            try (LocalPostgres pg = LocalPostgres.startEphemeral();
                 Database db = Database.open(pg.jdbcUrl("postgres"), pg.user(), "", 4)) {
                RetentionBenchmark.Result r = RetentionBenchmark.run(db.dataSource(), events, 50, days);
                System.out.printf("bench retention: %,d events over %d days (generated in %.1f s)%n", r.events(), days,
                        r.generateSeconds());
                System.out.printf("  rollups built from scratch: %.1f s; refreshed after one more day: %.2f s%n",
                        r.fullRollupSeconds(), r.oneDayRefreshSeconds());
                System.out.printf("  cohort %s, active on days 1-7 (median of 5 runs):%n", r.installDate());
                System.out.printf("    seed-style BETWEEN on raw events: %8.3f s  retained %,d (loses day 7 after 00:00)%n",
                        r.seedRawSeconds(), r.seedRetained());
                System.out.printf("    half-open on raw events:          %8.3f s  retained %,d%n", r.rawHalfOpenSeconds(),
                        r.rawHalfOpenRetained());
                System.out.printf("    from the rollups:                 %8.3f s  retained %,d  = %.0f x faster than the seed query%n",
                        r.rollupSeconds(), r.rollupRetained(), r.ratio());
                System.out.printf("  30-day cohort matrix (30 cohorts x 30 days) from the rollups: %.3f s%n",
                        r.matrixSeconds());
            }
        }
    }
}
