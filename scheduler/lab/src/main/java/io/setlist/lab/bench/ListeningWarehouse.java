package io.setlist.lab.bench;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A listening warehouse of about N events generated inside PostgreSQL, for {@code bench predictions --events N}:
 * users with profiles and premium flags, artists, a track catalogue (durations, sizes), sessions, and their PLAY
 * and SKIP events (every one with a track and a session), with skew: a few users listen far more than most, a few
 * tracks take most plays (Zipf-like), each user returns to 4 favourite artists, later days are busier, skips depend
 * on the user, the track, premium and whether the artist is a favourite.
 *
 * <p><b>How.</b> Set-based SQL ({@code sql/bench/listening_*.sql}): every draw is a hash of (key, seed, purpose)
 * ({@code bench_uniform}), not {@code random()}, so the same seed gives the same rows whatever order or batches
 * PostgreSQL generates them in. Events go in one day of sessions a statement, on one connection per core, with the
 * indexes of {@code events} dropped and built again at the end (a sort each, several times faster than growing them
 * row by row).
 *
 * <p><b>Two passes.</b> First the sessions with the lowest ids until about {@code sampleEvents} events (a uniform
 * sample of sessions over every day and user), then {@code afterSample} runs (the benchmark trains its champion
 * there: training on 50M events would take the window of all of them into memory), then the rest. The second pass
 * stops at the session that brings the count to about N (the events per session of the first pass, extrapolated):
 * the count lands within a fraction of a percent of N, not on it.
 *
 * <p><b>Reuse.</b> A finished warehouse has one row in {@code bench_listening_warehouse} with its settings;
 * {@link #existing} finds it, so a second run reuses the data. An interrupted one has no row.
 */
public final class ListeningWarehouse {
    /** Events per session the first guess assumes (mean 10 plays, about a third skipped). */
    private static final double EVENTS_PER_SESSION_GUESS = 13.0;

    /**
     * @param events       events to generate (about)
     * @param seed         same seed, same warehouse
     * @param days         days the events span, ending the day before {@code firstDay + days}
     * @param sampleEvents events of the first pass, before {@code afterSample}
     */
    public record Settings(long events, long seed, int days, LocalDate firstDay, long sampleEvents) {
        public static final LocalDate FIRST_DAY = LocalDate.parse("2026-05-01");

        public Settings {
            if (events < 100 || days < 30 || sampleEvents < 1) {
                throw new IllegalArgumentException("a listening warehouse needs at least 100 events over 30 days "
                        + "(the completion model trains on 90 days), got " + events + " events over " + days);
            }
            if (events > MAX_EVENTS) {
                // about 240 bytes of disk an event (3M took 640 MB): past this the disk, not the bench, is the limit
                throw new IllegalArgumentException("a listening warehouse holds at most " + MAX_EVENTS
                        + " events (about 240 bytes of disk each), got " + events);
            }
        }

        /** The largest warehouse generated: 500M events, about 120 GB of disk. */
        public static final long MAX_EVENTS = 500_000_000L;

        /** Events of the first pass (the champion trains on them): a GBT on more takes minutes for no purpose here. */
        public static final long SAMPLE_EVENTS = 400_000;

        /** {@code events} over {@code days} days from {@link #FIRST_DAY}, the first pass at most {@link #SAMPLE_EVENTS}. */
        public static Settings of(long events, long seed, int days) {
            return new Settings(events, seed, days, FIRST_DAY, Math.min(events, SAMPLE_EVENTS));
        }

        /** About one user per 500 events (at least 20). */
        public int users() {
            return (int) Math.max(20, events / 500);
        }

        /** One artist per 4,000 events (at least 10). */
        public int artists() {
            return (int) Math.max(10, events / 4000);
        }

        /** 8 tracks per artist. */
        public int tracks() {
            return artists() * 8;
        }

        public LocalDate lastDay() {
            return firstDay.plusDays(days - 1L);
        }
    }

    /** What was generated (or found). */
    public record Summary(long events, int users, int tracks, long sessions, long sampleEvents, double seconds) {
    }

    private ListeningWarehouse() {
    }

    /** The warehouse generated with these settings, if {@code ds} holds a finished one. */
    public static Optional<Summary> existing(DataSource ds, Settings s) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(SqlResource.load("bench/listening_marker.sql"));
            try (ResultSet rs = st.executeQuery("SELECT events_requested, seed, days, first_day, events, users, tracks, "
                    + "sessions, sample_events, seconds FROM bench_listening_warehouse")) {
                while (rs.next()) {
                    if (rs.getLong(1) == s.events() && rs.getLong(2) == s.seed() && rs.getInt(3) == s.days()
                            && rs.getObject(4, LocalDate.class).equals(s.firstDay())) {
                        return Optional.of(new Summary(rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getLong(8),
                                rs.getLong(9), rs.getDouble(10)));
                    }
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read bench_listening_warehouse: " + e.getMessage(), e);
        }
    }

    /**
     * Generates into {@code ds}, whose warehouse (migrated) must have no users, tracks or events yet.
     *
     * @param progress    one line per step, for the console
     * @param afterSample runs once the first pass is in (e.g. trains a champion on it)
     */
    public static Summary generate(DataSource ds, Settings s, Consumer<String> progress, Runnable afterSample) {
        long t0 = System.nanoTime();
        long salt = s.seed() * 1000;
        int users = s.users();
        int artists = s.artists();
        int tracks = s.tracks();
        long maxSessions = (long) Math.ceil(1.3 * s.events() / EVENTS_PER_SESSION_GUESS) + 20;
        execute(ds, "bench/listening_uniform.sql");
        execute(ds, "bench/listening_marker.sql");
        execute(ds, "bench/listening_users.sql", salt, users);
        execute(ds, "bench/listening_artists.sql", artists);
        execute(ds, "bench/listening_tracks.sql", salt, tracks, artists);
        execute(ds, "bench/ensure_partitions.sql", s.firstDay(), s.lastDay().plusDays(2));
        execute(ds, "bench/listening_sessions_create.sql");
        execute(ds, "bench/listening_sessions.sql", salt, maxSessions, users, s.firstDay(), s.days());
        execute(ds, "bench/listening_sessions_index.sql");
        progress.accept(String.format("  %,d users, %,d artists, %,d tracks, up to %,d sessions in %.1f s", users,
                artists, tracks, maxSessions, seconds(t0)));

        // Indexes are built once at the end (a sort each) rather than grown row by row: several times faster.
        List<String> indexes = dropEventIndexes(ds);
        long sampleSessions = Math.min(maxSessions,
                (long) Math.ceil(s.sampleEvents() / EVENTS_PER_SESSION_GUESS));
        long sample = pass(ds, s, salt, 0, sampleSessions);
        progress.accept(String.format("  first pass: %,d events (sessions 1..%,d) at %.1f s", sample, sampleSessions,
                seconds(t0)));
        long t1 = System.nanoTime();
        afterSample.run();
        long trainingNanos = System.nanoTime() - t1;
        double perSession = (double) sample / sampleSessions;
        long lastSession = Math.min(maxSessions,
                sampleSessions + (long) Math.ceil(Math.max(0, s.events() - sample) / perSession));
        long rest = lastSession > sampleSessions ? pass(ds, s, salt, sampleSessions, lastSession) : 0;
        long t2 = System.nanoTime();
        for (String index : indexes) {
            createIndex(ds, index);
        }
        progress.accept(String.format("  events indexed (%d indexes) in %.1f s", indexes.size(), seconds(t2)));
        execute(ds, "bench/listening_finish.sql");
        execute(ds, "bench/analyze.sql");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_sessions");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        double took = seconds(t0) - trainingNanos / 1e9; // generation only, not what afterSample did
        Summary summary = new Summary(sample + rest, users, tracks, lastSession, sample, took);
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO bench_listening_warehouse (events_requested, seed, days, first_day, events, users, tracks, "
                        + "sessions, sample_events, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object[] values = {s.events(), s.seed(), s.days(), s.firstDay(), summary.events(), users, tracks,
                    lastSession, sample, took};
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        progress.accept(String.format("  second pass: %,d events (sessions %,d..%,d); %,d events in all, %.1f s "
                + "with the first pass and the catalogue", rest, sampleSessions + 1, lastSession, summary.events(), took));
        return summary;
    }

    /**
     * Events of sessions (from, to], one day a statement, on as many connections as there are cores (the draws are
     * hashes, so which connection makes a day changes nothing); returns how many.
     */
    private static long pass(DataSource ds, Settings s, long salt, long from, long to) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> days = new ArrayList<>();
            for (int day = 0; day < s.days(); day++) {
                int d = day;
                days.add(pool.submit(() -> execute(ds, "bench/listening_events.sql", salt, s.tracks(), s.artists(), d,
                        from, to)));
            }
            long n = 0;
            for (Future<Long> f : days) {
                n += f.get();
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void createIndex(DataSource ds, String definition) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(definition);
        } catch (SQLException e) {
            throw new IllegalStateException(definition + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops the indexes of {@code events} (the partitioned table's, so every partition's) and returns their DDL. */
    private static List<String> dropEventIndexes(DataSource ds) {
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events' "
                    + "AND schemaname = current_schema() ORDER BY indexname")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    // pg_indexes gives a partitioned index as ON ONLY (the parent alone, invalid until every
                    // partition has one): built ON the table, it is built on every partition too.
                    definitions.add(rs.getString(2).replace(" ON ONLY ", " ON "));
                }
            }
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the events indexes: " + e.getMessage(), e);
        }
        return definitions;
    }

    private static long execute(DataSource ds, String sql, Object... params) {
        if (params.length == 0) { // may hold several statements
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(SqlResource.load(sql));
                return 0;
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(SqlResource.load(sql))) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.execute() ? 0 : st.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
