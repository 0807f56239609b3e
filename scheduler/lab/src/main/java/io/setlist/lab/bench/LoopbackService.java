package io.setlist.lab.bench;

import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.SetlistService;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.embedded.LocalPostgres;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.workload.SyntheticWorkload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway Setlist on loopback for the prediction benchmarks: a fresh PostgreSQL and dynalite on free ports, a
 * synthetic warehouse (generated, imported) whose completion model has a trained champion, and the real
 * {@link SetlistService} in this process: the API on a free port, a local RabbitMQ on another, and
 * {@code workers} prediction consumers. Nothing of the user's ({@code SETLIST_HOME}, ports, servers) is touched;
 * closing stops everything and deletes the temporary home.
 *
 * <p>Cost: starting takes the servers' start-up plus generating, importing and training on {@code users} ×
 * {@code days} (tens of seconds for 300 users × 21 days on two cores).
 */
public final class LoopbackService implements AutoCloseable {
    /** Fixed, so that every run scores the same warehouse. */
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-01");

    private final Path home;
    private final LocalPostgres postgres;
    private final LocalDynamo dynamo;
    private final Backends backends;
    private final SetlistService service;
    private final String readKey;
    private final SyntheticWorkload.Summary data;
    private final LocalDate lastDay;

    private LoopbackService(Path home, LocalPostgres postgres, LocalDynamo dynamo, Backends backends,
                            SetlistService service, String readKey, SyntheticWorkload.Summary data, LocalDate lastDay) {
        this.home = home;
        this.postgres = postgres;
        this.dynamo = dynamo;
        this.backends = backends;
        this.service = service;
        this.readKey = readKey;
        this.data = data;
        this.lastDay = lastDay;
    }

    /**
     * Starts everything and returns once the API answers on {@link #baseUrl()}.
     *
     * @param users   synthetic users of the warehouse (at least 1)
     * @param days    days of synthetic events, ending on the business date the champion is trained for
     * @param workers prediction consumers of the in-process service ({@code SETLIST_PREDICTION_WORKERS})
     */
    public static LoopbackService start(int users, int days, int workers) {
        Path home;
        try {
            home = Files.createTempDirectory("setlist-loopback-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPostgres pg = null;
        LocalDynamo dy = null;
        Backends backends = null;
        SetlistService service = null;
        try {
            pg = LocalPostgres.startEphemeral();
            dy = LocalDynamo.startEphemeral(LocalDynamo.defaultDynaliteDir());
            Config config = Config.parse(environment(home, pg, dy.endpoint(), workers));
            backends = Backends.open(config);
            SyntheticWorkload.Summary data = SyntheticWorkload.generate(
                    new SyntheticWorkload.Settings(users, days, SyntheticWorkload.Settings.DEFAULT_SEED, FIRST_DAY),
                    home.resolve("data"));
            WorkloadImport.importDirectory(backends.warehouse(), home.resolve("data"));
            LocalDate lastDay = FIRST_DAY.plusDays(days - 1L);
            new CompletionModels(backends.warehouse()).train(lastDay, "logistic-regression", "loopback benchmark",
                    ModelSelection.Grid.small());
            service = SetlistService.start(backends, config, false);
            String key = new ApiKeys(backends.warehouse()).create("bench", Scope.READ).secret();
            return new LoopbackService(home, pg, dy, backends, service, key, data, lastDay);
        } catch (RuntimeException e) {
            stop(service, backends, dy, pg, home);
            throw e;
        }
    }

    /**
     * The configuration of the in-process service: the fresh servers, free ports for the API and the broker, and
     * no rate limit worth the name (the benchmark measures the queue, not the per-key token bucket).
     */
    private static Map<String, String> environment(Path home, LocalPostgres pg, URI dynamoEndpoint, int workers) {
        Map<String, String> env = new HashMap<>();
        env.put("SETLIST_HOME", home.toString());
        env.put("SETLIST_JDBC_URL", pg.jdbcUrl("postgres"));
        env.put("SETLIST_JDBC_USER", pg.user());
        env.put("SETLIST_DYNAMODB_ENDPOINT", dynamoEndpoint.toString());
        env.put("SETLIST_HTTP_PORT", "0");
        env.put("SETLIST_EMBEDDED_AMQP_PORT", "0");
        env.put("SETLIST_PREDICTION_WORKERS", Integer.toString(workers));
        env.put("SETLIST_API_RATE_LIMIT", "1000000");
        return env;
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    /** A read key for the {@code Authorization: Bearer} header. */
    public String readKey() {
        return readKey;
    }

    /**
     * {@code count} (user, track, timestamp) items that the warehouse knows, spread over users and tracks, all at
     * 20:00 UTC of the last day of data (one day: no batch is {@code too_much_work}).
     */
    public List<CompletionPredictions.Request> knownItems(int count) {
        Instant ts = lastDay.atTime(20, 0).toInstant(ZoneOffset.UTC);
        List<CompletionPredictions.Request> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new CompletionPredictions.Request(
                    SyntheticWorkload.id('u', 1 + (int) (i % data.users())),
                    // A stride prime to the track count visits distinct tracks before repeating one.
                    SyntheticWorkload.id('t', 1 + (int) ((i * 7919L) % data.tracks())), ts));
        }
        return items;
    }

    @Override
    public void close() {
        stop(service, backends, dynamo, postgres, home);
    }

    private static void stop(SetlistService service, Backends backends, LocalDynamo dynamo, LocalPostgres postgres,
                             Path home) {
        try {
            if (service != null) {
                service.close();
            }
            if (backends != null) {
                backends.close();
            }
        } finally {
            if (dynamo != null) {
                dynamo.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the benchmark for
        }
    }
}
