package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.scheduler.queue.PredictionQueue;
import io.setlist.scheduler.queue.PredictionWorkers;
import io.setlist.scheduler.queue.QueueFixture;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/prediction-requests} and {@code GET /v1/prediction-requests/{id}} over real HTTP, with a real
 * broker and warehouse: 202 once stored and confirmed, PENDING while no worker runs (the backlog then shows in
 * {@code /metrics} and turns {@code /health/ready} DEGRADED), DONE with the result once workers run; 404 and 400.
 */
class PredictionRequestsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    private static QueueFixture fx;
    private static PredictionQueue queue;
    private static ApiServer api;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        fx = new QueueFixture(home);
        queue = PredictionQueue.connect(fx.rabbit.uri(), 3, "api-test");
        AsyncPredictions async = new AsyncPredictions(queue, fx.store, Duration.ofHours(1), Duration.ofSeconds(1));
        key = new ApiKeys(fx.backends.warehouse()).create("async", Scope.READ).secret();
        api = ApiServer.start(new PublishedRuns(fx.backends.dynamo(), fx.backends.tables()),
                new ApiKeys(fx.backends.warehouse()), ApiFixture.unlimited(),
                new RouteServices(fx.backends.apiWarehouse(), new RunLedger(fx.backends.apiWarehouse()), List.of(),
                        Optional.empty(), Duration.ofHours(36), Clock.systemUTC(), fx.predictions, async),
                "127.0.0.1", 0);
        RunPublisher publisher = new RunPublisher(fx.backends.dynamo(), fx.backends.tables(), 2, 4);
        try (RunPublisher.Session session = publisher.open(new CurrentRun("2026-09-21-a", LocalDate.parse("2026-09-21"),
                Instant.now(), 0, List.of()))) {
            session.add(new UserRecommendations("u0", "neighbours", List.of()));
            session.commit();
        }
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (queue != null) {
            queue.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + key);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsQueuesAndAnswersTheResult() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < fx.items.size(); i++) {
            var r = fx.items.get(i);
            body.append(i == 0 ? "" : ",").append("{\"userId\":\"").append(r.userKey()).append("\",\"trackId\":\"")
                    .append(r.trackKey()).append("\",\"timestamp\":\"").append(r.ts()).append("\"}");
        }
        body.append("]");
        HttpResponse<String> accepted = call("POST", "/v1/prediction-requests", body.toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode a = JSON.readTree(accepted.body());
        String id = a.get("trackingId").asText();
        assertThat(a.get("items").asInt()).isEqualTo(fx.items.size());
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/prediction-requests/" + id);
        // 202 came after the confirm: the message is in the queue and the row is stored
        assertThat(queue.depth(PredictionQueue.QUEUE).messages()).isEqualTo(1);
        assertThat(JSON.readTree(call("GET", "/v1/prediction-requests/" + id, null).body()).get("status").asText())
                .isEqualTo("PENDING");

        Thread.sleep(1_500); // past SETLIST_MAX_BACKLOG_SECONDS (1 s here)
        assertThat(JSON.readTree(call("GET", "/health/ready", null).body()).get("status").asText())
                .isEqualTo("DEGRADED");
        String metrics = call("GET", "/metrics", null).body();
        assertThat(metrics).contains("setlist_prediction_queue_depth 1.0");
        assertThat(metrics).containsPattern("setlist_prediction_backlog_age_seconds [1-9]");

        try (PredictionWorkers ignored = PredictionWorkers.start(queue, 1, 2, Duration.ofHours(1), fx.store,
                fx.predictions)) {
            JsonNode status;
            long deadline = System.currentTimeMillis() + 30_000;
            do {
                Thread.sleep(50);
                status = JSON.readTree(call("GET", "/v1/prediction-requests/" + id, null).body());
            } while (status.get("status").asText().equals("PENDING") && System.currentTimeMillis() < deadline);
            assertThat(status.get("status").asText()).isEqualTo("DONE");
            assertThat(status.get("result").get("model").asText()).isEqualTo("completion");
            assertThat(status.get("result").get("predictions")).hasSize(fx.items.size());
            assertThat(status.get("result").get("predictions").get(0).get("probability").asDouble()).isBetween(0.0, 1.0);
            assertThat(JSON.readTree(call("GET", "/health/ready", null).body()).get("status").asText())
                    .isEqualTo("READY");
            assertThat(call("GET", "/metrics", null).body())
                    .contains("setlist_prediction_requests_processed_total{outcome=\"done\"}")
                    .contains("setlist_prediction_queue_consumers 1.0");
        }
    }

    @Test
    void unknownAndMalformedRequests() throws Exception {
        HttpResponse<String> unknown = call("GET", "/v1/prediction-requests/" + UUID.randomUUID(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> notUuid = call("GET", "/v1/prediction-requests/abc", null);
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notUuid.body()).get("parameter").asText()).isEqualTo("trackingId");
        HttpResponse<String> badItem = call("POST", "/v1/prediction-requests",
                "[{\"userId\":\"u\",\"trackId\":\"t\",\"timestamp\":\"yesterday\"}]");
        assertThat(badItem.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badItem.body()).get("parameter").asText()).isEqualTo("timestamp");
        assertThat(call("POST", "/v1/prediction-requests", "").statusCode()).isEqualTo(400);
    }

    /** The synchronous route's item rules, applied before anything is stored or queued. */
    @Test
    void itemsAreCheckedAsBySynchronousRouteBeforeAnythingIsStored() throws Exception {
        long stored = fx.count("SELECT count(*) FROM prediction_requests");
        StringBuilder days = new StringBuilder("[");
        for (int i = 0; i < 32; i++) {
            days.append(i == 0 ? "" : ",").append("{\"userId\":\"u\",\"trackId\":\"t\",\"timestamp\":\"")
                    .append(LocalDate.parse("2026-01-01").plusDays(i)).append("T12:00:00Z\"}");
        }
        HttpResponse<String> tooManyDays = call("POST", "/v1/prediction-requests", days.append("]").toString());
        assertThat(tooManyDays.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(tooManyDays.body()).get("error").asText()).isEqualTo("too_much_work");
        assertThat(JSON.readTree(tooManyDays.body()).get("index").asInt()).isEqualTo(31);
        HttpResponse<String> farFuture = call("POST", "/v1/prediction-requests",
                "[{\"userId\":\"u\",\"trackId\":\"t\",\"timestamp\":\"+200000-01-01T00:00:00Z\"}]");
        assertThat(farFuture.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(farFuture.body()).get("parameter").asText()).isEqualTo("timestamp");
        HttpResponse<String> longKey = call("POST", "/v1/prediction-requests", "[{\"userId\":\""
                + "u".repeat(PredictionBatch.MAX_KEY + 1) + "\",\"trackId\":\"t\",\"timestamp\":\"2026-09-21T12:00:00Z\"}]");
        assertThat(longKey.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(longKey.body()).get("parameter").asText()).isEqualTo("userId");
        assertThat(fx.count("SELECT count(*) FROM prediction_requests")).isEqualTo(stored);
    }
}
