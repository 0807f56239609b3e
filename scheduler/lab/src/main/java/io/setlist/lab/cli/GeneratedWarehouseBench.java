package io.setlist.lab.cli;

import io.setlist.lab.bench.ListeningWarehouse;
import io.setlist.lab.bench.SyncPredictionsBench;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.WarehouseSettings;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.sql.embedded.LocalPostgres;
import io.setlist.sql.events.EventCalendar;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;

/**
 * {@code bench predictions --events N}: the sync benchmark on a generated listening warehouse of about N events
 * ({@link ListeningWarehouse}), kept in a database of its own ({@code bench_listening_<N>_s<seed>_d<days>}) in the
 * embedded PostgreSQL of {@code SETLIST_HOME}, beside the demo's warehouse and untouched by it. A finished one is
 * reused; an interrupted one is dropped and generated again. The champion is trained on the generator's first
 * pass (at most 400K events), before the rest is generated: the benchmark measures serving, and training on the whole
 * 90-day window of 50M events would hold all of it in memory for a model no better for the purpose.
 */
final class GeneratedWarehouseBench {
    private GeneratedWarehouseBench() {
    }

    static void run(Config config, ListeningWarehouse.Settings s, SyncPredictionsBench.Settings bench)
            throws Exception {
        WarehouseSettings own = config.warehouse();
        if (!own.embedded()) {
            throw new IllegalArgumentException("bench predictions --events generates into the embedded PostgreSQL of "
                    + "SETLIST_HOME; unset SETLIST_JDBC_URL");
        }
        String database = "bench_listening_" + s.events() + "_s" + s.seed() + "_d" + s.days();
        try (LocalPostgres pg = LocalPostgres.startPersistent(config.home(), own.embeddedPgPort())) {
            boolean fresh = ensureDatabase(pg, database);
            Config on = config.withWarehouse(new WarehouseSettings(pg.jdbcUrl(database), pg.user(), "",
                    own.embeddedPgPort()));
            try (Backends backends = Backends.open(on)) {
                Optional<ListeningWarehouse.Summary> found = fresh ? Optional.empty()
                        : ListeningWarehouse.existing(backends.warehouse(), s);
                ListeningWarehouse.Summary w;
                if (found.isPresent()) {
                    w = found.get();
                    System.out.printf("reusing database %s: %,d events, %,d users, %,d tracks (generated in %.0f s)%n",
                            database, w.events(), w.users(), w.tracks(), w.seconds());
                } else {
                    System.out.printf("generating about %,d listening events over %d days (seed %d) into database "
                            + "%s...%n", s.events(), s.days(), s.seed(), database);
                    w = ListeningWarehouse.generate(backends.warehouse(), s, System.out::println,
                            () -> train(backends, s));
                    System.out.printf("generated %,d events in %.1f s (%,.0f events/s), champion training excluded%n",
                            w.events(), w.seconds(), w.events() / w.seconds());
                }
                SyncPredictionsBench.run(backends, on, bench);
            }
        }
    }

    /** Trains the champion on the first pass's events (all days, a sample of the sessions). */
    private static void train(Backends backends, ListeningWarehouse.Settings s) {
        LocalDate last = new EventCalendar(backends.warehouse()).lastEventDay().orElseThrow();
        long t0 = System.nanoTime();
        new CompletionModels(backends.warehouse()).trainIfNoChampion(last, "gradient-boosted-trees",
                "bench predictions --events " + s.events() + ": trained on the first " + s.sampleEvents()
                        + " generated events").ifPresent(t -> System.out.printf(
                "  trained the champion (%s) on %,d plays of the first pass in %.0f s%n", t.algorithm(), t.trainRows(),
                (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Creates {@code database} unless it exists with a finished warehouse; one without (an interrupted run) is
     * dropped first. Returns whether it was created.
     */
    private static boolean ensureDatabase(LocalPostgres pg, String database) throws SQLException {
        boolean exists;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            exists = rs.next();
        }
        if (exists && finished(pg, database)) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
             Statement st = c.createStatement()) {
            if (exists) {
                System.out.printf("dropping database %s: its generation did not finish%n", database);
                st.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
            st.execute("CREATE DATABASE " + database);
        }
        return true;
    }

    private static boolean finished(LocalPostgres pg, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = "
                     + "'bench_listening_warehouse'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
            try (ResultSet n = c.createStatement().executeQuery("SELECT count(*) FROM bench_listening_warehouse")) {
                n.next();
                return n.getLong(1) > 0;
            }
        }
    }
}
