package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A read API on real servers (PostgreSQL for keys, dynalite for runs) with runs whose every artist name and track
 * key carries the run's tag, so a test can tell which run any item came from.
 */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Backends backends;
    final ApiKeys keys;
    final ApiServer server;
    final String readKey;
    final String adminKey;

    ApiFixture(Path home, ApiSettings settings) {
        backends = RealBackends.open(home);
        keys = new ApiKeys(backends.apiWarehouse());
        readKey = keys.create("reader", Scope.READ).secret();
        adminKey = keys.create("operator", Scope.ADMIN).secret();
        // Every route registered, as in `serve`, so that contract and OpenAPI tests see the whole API.
        // On the API's own pool, as in `serve`.
        RouteServices operations = new RouteServices(backends.apiWarehouse(),
                new io.setlist.sql.runs.RunLedger(backends.apiWarehouse()), List.of("retention", "recommend"),
                java.util.Optional.empty(), java.time.Duration.ofHours(36), java.time.Clock.systemUTC(),
                new io.setlist.scheduler.predictions.CompletionPredictions(backends.apiWarehouse(),
                        io.setlist.scheduler.config.Config.parse(java.util.Map.of()).abSplit()),
                RealBackends.asyncPredictions(backends.apiWarehouse()));
        server = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()), keys, settings, operations,
                "127.0.0.1", 0);
    }

    static ApiSettings unlimited() {
        return ApiSettings.from(java.util.Map.of()).withRate(1_000_000, 1_000_000);
    }

    /** Publishes run {@code runId}: users u0..u(n-1), {@code recs} artists each, a hot tier of {@code tracks}. */
    void publish(String runId, String tag, int users, int recs, int tracks) {
        RunPublisher publisher = new RunPublisher(backends.dynamo(), backends.tables(), 4, 8);
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.now(), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            for (int u = 0; u < users; u++) {
                List<RecommendedArtist> items = new ArrayList<>();
                for (int r = 1; r <= recs; r++) {
                    items.add(new RecommendedArtist(r, "a" + (u * 7 + r), tag + ":artist" + r, 1.0 / r));
                }
                session.add(new UserRecommendations("u" + u, "neighbours", items));
            }
            List<CachePriority> hot = new ArrayList<>();
            for (int r = 1; r <= tracks; r++) {
                hot.add(new CachePriority(r, tag + ":t" + r, 0.5, 1000.0 / r));
            }
            session.cacheTier("hot", hot);
            session.commit();
        }
        awaitServing(runId);
    }

    /** A publish is visible once the node has loaded the run (the pointer is polled, then the run loaded). */
    void awaitServing(String runId) {
        awaitServing(server, runId);
    }

    /** Waits until {@code server} has loaded and serves {@code runId}. */
    static void awaitServing(ApiServer server, String runId) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!server.servingRunId().map(runId::equals).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the API did not serve run " + runId + " within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    HttpResponse<String> get(String path, String key, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        backends.close();
    }
}
