package io.setlist.scheduler.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.api.RouteServices;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DynamoDB server (a real dynalite process of this test's own) hung, then killed, while the API serves:
 * readers keep getting the last loaded run (200), {@code /health/ready} says DEGRADED with the reason,
 * {@code /health/live} stays fast, a store call gives up within about a second; once the server is back the node
 * catches up with the next published run on its own.
 */
@Tag("fault")
class DynamoDownWhileServingFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RUN_A = "2026-11-01.20261102T030000Z";
    private static final String RUN_B = "2026-11-02.20261103T030000Z";

    @TempDir
    Path home;

    @Test
    void readersKeepTheLastRunWhileTheStoreIsHungOrDeadAndTheNodeCatchesUpAfter() throws Exception {
        int port = freePort();
        Path dynaliteHome = home.resolve("store");
        LocalDynamo dynamo = LocalDynamo.startPersistent(LocalDynamo.defaultDynaliteDir(), dynaliteHome, port);
        try (Backends backends = Backends.open(RealBackends.isolatedConfig(home,
                Map.of("SETLIST_DYNAMODB_ENDPOINT", dynamo.endpoint().toString())))) {
            ApiKeys keys = new ApiKeys(backends.warehouse());
            String key = keys.create("reader", Scope.READ).secret();
            PublishedRuns runs = new PublishedRuns(backends.dynamo(), backends.tables());
            publish(backends, RUN_A, "A");
            try (ApiServer api = ApiServer.start(runs, keys, ApiSettings.from(Map.of()).withRate(1e6, 1e6),
                    new RouteServices(backends.apiWarehouse(), new RunLedger(backends.apiWarehouse()), List.of(),
                            Optional.empty(), Duration.ofHours(36), Clock.systemUTC(),
                            new CompletionPredictions(backends.apiWarehouse(), Config.parse(Map.of()).abSplit()),
                            io.setlist.scheduler.RealBackends.asyncPredictions(backends.apiWarehouse())),
                    "127.0.0.1", 0)) {
                awaitReady(api, RUN_A, "READY");

                // Hung: the process is alive and holds its connections, but answers nothing.
                signal(dynamo.pid(), "STOP");
                try {
                    long start = System.nanoTime();
                    assertThatThrownBy(runs::currentRun).as("a point read of a hung store gives up");
                    assertThat(elapsedMillis(start)).as("bounded: 1 s an attempt, 2 s a call").isLessThan(3_000);
                    assertServesFromMemory(api, key, RUN_A);
                    JsonNode ready = awaitReady(api, RUN_A, "DEGRADED");
                    assertThat(ready.get("reason").asText()).contains("store does not answer");
                } finally {
                    signal(dynamo.pid(), "CONT");
                }
                awaitReady(api, RUN_A, "READY");

                // Dead: the process is killed; its tables stay on disk.
                dynamo.kill();
                long start = System.nanoTime();
                assertThatThrownBy(runs::currentRun).as("a point read of a dead store fails");
                assertThat(elapsedMillis(start)).isLessThan(3_000);
                assertServesFromMemory(api, key, RUN_A);
                assertThat(awaitReady(api, RUN_A, "DEGRADED").get("reason").asText()).contains("store does not answer");

                // Back on the same port: the node confirms its run, then follows the next publish.
                dynamo = LocalDynamo.startPersistent(LocalDynamo.defaultDynaliteDir(), dynaliteHome, port);
                awaitReady(api, RUN_A, "READY");
                publish(backends, RUN_B, "B");
                awaitReady(api, RUN_B, "READY");
                JsonNode body = json(get(api, "/v1/users/u7/recommendations", key));
                assertThat(body.get("runId").asText()).isEqualTo(RUN_B);
                assertThat(body.get("items").get(0).get("name").asText()).startsWith("B:");
            }
        } finally {
            dynamo.close();
        }
    }

    /** Reads for a few seconds: every answer is a 200 of {@code runId}, and {@code /health/live} stays fast. */
    private static void assertServesFromMemory(ApiServer api, String key, String runId) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int reads = 0;
        List<Long> liveMillis = new ArrayList<>();
        while (System.nanoTime() < until) {
            HttpResponse<String> r = get(api, "/v1/users/u" + (reads % 50) + "/recommendations?limit=5", key);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).get("runId").asText()).isEqualTo(runId);
            assertThat(json(r).get("items").get(0).get("name").asText()).startsWith("A:");
            assertThat(get(api, "/v1/cache/hot/priorities?limit=3", key).statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(get(api, "/health/live", null).statusCode()).isEqualTo(200);
            liveMillis.add(elapsedMillis(start));
            reads++;
        }
        assertThat(reads).isGreaterThan(3);
        // A live check that waited on the store would take at least its 1 s call timeout; on a busy shared
        // machine one answer may still take a few hundred milliseconds, so the bound is the timeout, not less.
        liveMillis.sort(null);
        assertThat(liveMillis.get(liveMillis.size() - 1)).as("/health/live touches no store").isLessThan(1_000);
        assertThat(liveMillis.get(liveMillis.size() / 2)).as("median /health/live").isLessThan(200);
    }

    private static JsonNode awaitReady(ApiServer api, String runId, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(api, "/health/ready", null);
            last = json(r);
            if (r.statusCode() == 200 && last.get("runId").asText().equals(runId)
                    && last.get("status").asText().equals(status)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/health/ready never said " + status + " for " + runId + "; last: " + last);
    }

    private static void publish(Backends backends, String runId, String tag) {
        RunPublisher publisher = new RunPublisher(backends.dynamo(), backends.tables(), 4, 8);
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.now(), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            for (int u = 0; u < 50; u++) {
                List<RecommendedArtist> items = new ArrayList<>();
                for (int r = 1; r <= 10; r++) {
                    items.add(new RecommendedArtist(r, "a" + (u + r), tag + ":artist" + r, 1.0f / r));
                }
                session.add(new UserRecommendations("u" + u, "neighbours", items));
            }
            session.cacheTier("hot", List.of(new CachePriority(1, tag + ":t1", 0.5, 10), new CachePriority(2,
                    tag + ":t2", 0.5, 5), new CachePriority(3, tag + ":t3", 0.5, 1)));
            session.commit();
        }
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static HttpResponse<String> get(ApiServer api, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
