package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory snapshot against the store it was loaded from (real dynalite, real HTTP): every user's answer is
 * the stored one exactly; a run over the memory budget is served read-through, and says so; a starting node is not
 * READY before its run is loaded, and answers every user once it is.
 */
class SnapshotServingTest {
    private static final String RUN = "2026-11-01.20261102T030000Z";
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @TempDir
    Path home;

    /** Users of varied shapes: unicode keys, empty and long lists, float-exact or not scores, three sources. */
    private static List<UserRecommendations> users(int count, int maxArtists, boolean floatScores) {
        SplittableRandom random = new SplittableRandom(42);
        List<UserRecommendations> out = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            int n = u % 17 == 0 ? 0 : 1 + random.nextInt(maxArtists);
            List<RecommendedArtist> items = new ArrayList<>();
            for (int r = 1; r <= n; r++) {
                int artist = random.nextInt(count * 3);
                double score = random.nextDouble();
                items.add(new RecommendedArtist(r, "a" + artist, "Artist ñ " + artist,
                        floatScores ? (float) score : score));
            }
            String key = u % 5 == 0 ? "użytkownik-" + u : "u" + u;
            out.add(new UserRecommendations(key, u % 3 == 0 ? "segment" : u % 7 == 0 ? "global" : "neighbours", items));
        }
        return out;
    }

    private static void publish(ApiFixture api, String runId, List<UserRecommendations> users, int tracks) {
        RunPublisher publisher = new RunPublisher(api.backends.dynamo(), api.backends.tables(), 4, 8);
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.now(), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            users.forEach(session::add);
            List<CachePriority> hot = new ArrayList<>();
            for (int r = 1; r <= tracks; r++) {
                hot.add(new CachePriority(r, "t" + r, 1.0 / (r + 1), 1000.0 / r));
            }
            session.cacheTier("hot", hot);
            session.cacheTier("warm", hot.subList(0, 3));
            session.commit();
        }
        api.awaitServing(runId);
    }

    @Test
    void everyUsersAnswerIsExactlyTheStoredOneInBothScoreForms() {
        try (ApiFixture api = new ApiFixture(home, ApiFixture.unlimited())) {
            for (boolean floats : new boolean[]{true, false}) {
                String runId = floats ? RUN : "2026-11-02.20261103T030000Z";
                List<UserRecommendations> users = users(300, 100, floats);
                publish(api, runId, users, 1_234);
                assertThat(ready(api).get("mode").asText()).isEqualTo("memory");
                PublishedRuns store = new PublishedRuns(api.backends.dynamo(), api.backends.tables());
                for (UserRecommendations user : users) {
                    if (user.userKey().hashCode() % 10 == 0) {
                        // The store holds what was published (a sample: each read is a round trip).
                        assertThat(store.recommendations(runId, user.userKey())).hasValue(user);
                    }
                    JsonNode body = json(api.get("/v1/users/" + URLEncoder.encode(user.userKey(), StandardCharsets.UTF_8)
                            .replace("+", "%20") + "/recommendations?limit=100", api.readKey));
                    assertThat(body.get("runId").asText()).isEqualTo(runId);
                    assertThat(body.get("source").asText()).isEqualTo(user.source());
                    assertThat(body.get("items")).hasSize(user.items().size());
                    for (int i = 0; i < user.items().size(); i++) {
                        RecommendedArtist expected = user.items().get(i);
                        JsonNode item = body.get("items").get(i);
                        assertThat(item.get("rank").asInt()).isEqualTo(expected.rank());
                        assertThat(item.get("artistId").asText()).isEqualTo(expected.artistKey());
                        assertThat(item.get("name").asText()).isEqualTo(expected.name());
                        assertThat(item.get("score").asDouble()).as(user.userKey() + " #" + i)
                                .isEqualTo(expected.score());
                    }
                }
                assertThat(api.get("/v1/users/nobody/recommendations", api.readKey).statusCode()).isEqualTo(404);
                JsonNode warm = json(api.get("/v1/cache/warm/priorities", api.readKey));
                assertThat(warm.get("items")).hasSize(3);
                assertThat(store.cachePriorities(runId, "hot", 2_000).orElseThrow()).hasSize(1_234);
                JsonNode page = json(api.get("/v1/cache/hot/priorities?limit=10&cursor="
                        + new Cursor(runId, 1_230).encode(), api.readKey));
                assertThat(page.get("items")).hasSize(4);
                assertThat(page.get("items").get(0).get("rank").asInt()).isEqualTo(1_231);
                assertThat(page.get("items").get(0).get("priority").asDouble()).isEqualTo(1000.0 / 1_231);
                assertThat(page.has("nextCursor")).isFalse();
            }
            String metrics = api.get("/metrics", api.readKey).body();
            assertThat(metrics).containsPattern("setlist_api_snapshot_active(\\{[^}]*})? 1\\.0")
                    .containsPattern("setlist_api_snapshot_users(\\{[^}]*})? 300\\.0")
                    .containsPattern("setlist_api_snapshot_bytes(\\{[^}]*})? [1-9]");
        }
    }

    @Test
    void aRunOverTheBudgetIsServedReadThroughAndSaysSo() {
        // 1 MiB: 3,000 users are estimated over it before loading; 900 users of 200 artists overflow while loading.
        try (ApiFixture api = new ApiFixture(home, ApiFixture.unlimited().withSnapshotMiB(1))) {
            List<UserRecommendations> many = users(3_000, 4, true);
            publish(api, RUN, many, 10);
            assertReadThrough(api, many, RUN);

            List<UserRecommendations> long_ = new ArrayList<>();
            for (int u = 0; u < 900; u++) {
                List<RecommendedArtist> items = new ArrayList<>();
                for (int r = 1; r <= 200; r++) {
                    items.add(new RecommendedArtist(r, "a" + (u + r), "n" + r, 0.5));
                }
                long_.add(new UserRecommendations("v" + u, "neighbours", items));
            }
            publish(api, "2026-11-02.20261103T030000Z", long_, 10);
            assertReadThrough(api, long_, "2026-11-02.20261103T030000Z");

            // Back within the budget, the next run is in memory again.
            List<UserRecommendations> few = users(50, 10, true);
            publish(api, "2026-11-03.20261104T030000Z", few, 10);
            assertThat(ready(api).get("mode").asText()).isEqualTo("memory");
            assertThat(ready(api).has("reason")).isFalse();
        }
    }

    private static void assertReadThrough(ApiFixture api, List<UserRecommendations> users, String runId) {
        JsonNode ready = ready(api);
        assertThat(ready.get("status").asText()).isEqualTo("READY");
        assertThat(ready.get("mode").asText()).isEqualTo("read-through");
        assertThat(ready.get("reason").asText()).contains("MiB snapshot budget");
        assertThat(api.get("/metrics", api.readKey).body())
                .containsPattern("setlist_api_snapshot_active(\\{[^}]*})? 0\\.0");
        for (UserRecommendations user : users.subList(0, 40)) {
            JsonNode body = json(api.get("/v1/users/" + URLEncoder.encode(user.userKey(), StandardCharsets.UTF_8)
                    + "/recommendations?limit=100", api.readKey));
            assertThat(body.get("runId").asText()).isEqualTo(runId);
            assertThat(body.get("items")).hasSize(Math.min(100, user.items().size()));
        }
    }

    @Test
    void aStartingNodeIsNotReadyUntilItsRunIsLoadedThenAnswersEveryUser() throws Exception {
        List<UserRecommendations> users = users(3_000, 30, true);
        try (ApiFixture first = new ApiFixture(home, ApiFixture.unlimited())) {
            publish(first, RUN, users, 100);
            // A second node starting on the published run.
            try (ApiServer second = ApiServer.start(new PublishedRuns(first.backends.dynamo(), first.backends.tables()),
                    first.keys, ApiFixture.unlimited(), operations(first), "127.0.0.1", 0)) {
                List<String> before = new ArrayList<>();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline) {
                    Optional<String> served = second.servingRunId();
                    HttpResponse<String> r = get(second, "/health/ready", null);
                    if (r.statusCode() == 200) {
                        assertThat(second.servingRunId()).hasValue(RUN);
                        break;
                    }
                    assertThat(served).as("503 only while nothing is served").isEmpty();
                    assertThat(json(r).get("status").asText()).isEqualTo("NOT_READY");
                    before.add(json(r).get("reason").asText());
                    HttpResponse<String> recs = get(second, "/v1/users/u1/recommendations", first.readKey);
                    if (second.servingRunId().isEmpty()) {
                        assertThat(recs.statusCode()).isEqualTo(503);
                    }
                }
                assertThat(json(get(second, "/health/ready", null)).get("status").asText()).isEqualTo("READY");
                for (UserRecommendations user : users) {
                    HttpResponse<String> r = get(second, "/v1/users/" + URLEncoder.encode(user.userKey(),
                            StandardCharsets.UTF_8) + "/recommendations?limit=1", first.readKey);
                    assertThat(r.statusCode()).as(user.userKey()).isEqualTo(200);
                    assertThat(json(r).get("items")).hasSize(Math.min(1, user.items().size()));
                }
                before.forEach(reason -> assertThat(reason).containsAnyOf("loading run " + RUN, "no run has been"));
            }
        }
    }

    private static RouteServices operations(ApiFixture api) {
        return new RouteServices(api.backends.apiWarehouse(),
                new io.setlist.sql.runs.RunLedger(api.backends.apiWarehouse()), List.of(), Optional.empty(),
                java.time.Duration.ofHours(36), java.time.Clock.systemUTC(),
                new io.setlist.scheduler.predictions.CompletionPredictions(api.backends.apiWarehouse(),
                        io.setlist.scheduler.config.Config.parse(java.util.Map.of()).abSplit()),
                io.setlist.scheduler.RealBackends.asyncPredictions(api.backends.apiWarehouse()));
    }

    private static HttpResponse<String> get(ApiServer server, String path, String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ready(ApiFixture api) {
        return json(api.get("/health/ready", null));
    }
}
