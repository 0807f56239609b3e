package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of every route: auth (401/403), validation (400), 404, paging, ETag/304, no internals leaked. */
class ReadApiContractTest {
    private static final String RUN = "2026-11-01.20261102T030000Z";
    private static final java.util.UUID ASYNC_REQUEST = java.util.UUID.fromString("00000000-0000-4000-8000-000000000001");
    /** A request that succeeds for each protected route, with the key scope it needs. */
    private static final Map<String, String> BASE_SAMPLE = Map.of(
            "GET " + RecommendationsEndpoint.PATH, "/v1/users/u3/recommendations",
            "GET " + CachePrioritiesEndpoint.PATH, "/v1/cache/hot/priorities",
            "GET " + CurrentRunEndpoint.PATH, "/v1/runs/current",
            "GET " + OpenApiEndpoint.PATH, "/openapi.json",
            "GET " + MetricsEndpoint.PATH, "/metrics",
            "GET " + RetentionEndpoint.PATH, "/v1/retention?from=2026-10-01&to=2026-10-07",
            "GET " + ModelsEndpoint.PATH, "/v1/models",
            "GET " + AdminRunsEndpoint.PATH, "/v1/admin/runs",
            "GET " + PredictionRequestsEndpoint.ITEM_PATH, "/v1/prediction-requests/" + ASYNC_REQUEST);
    /** The operations dashboard's panel routes (its page and assets are public: see DashboardRoutesTest). */
    private static final Map<String, String> DASHBOARD_SAMPLE = Map.of(
            "GET " + DashboardRunsEndpoint.PATH, "/v1/admin/dashboard/runs",
            "GET " + DashboardRetentionEndpoint.PATH, "/v1/admin/dashboard/retention",
            "GET " + DashboardModelsEndpoint.PATH, "/v1/admin/dashboard/models",
            "GET " + DashboardDriftEndpoint.PATH, "/v1/admin/dashboard/drift",
            "GET " + DashboardCacheEndpoint.PATH, "/v1/admin/dashboard/cache",
            "GET " + DashboardExplainEndpoint.PATH, "/v1/admin/dashboard/explain?user=w1&artist=x1",
            "GET " + DashboardQueuesEndpoint.PATH, "/v1/admin/dashboard/queues");
    private static final Map<String, String> SAMPLE = new java.util.HashMap<>(BASE_SAMPLE);

    static {
        SAMPLE.putAll(DASHBOARD_SAMPLE);
    }

    @TempDir
    static Path home;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, ApiFixture.unlimited());
        api.publish(RUN, "A", 40, 30, 1_234);
        // A user and an artist the warehouse knows, for the explorer's sample (no plays: nothing to explain).
        try (var c = api.backends.warehouse().getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO users (user_key) VALUES ('w1'); INSERT INTO artists (artist_key, name) VALUES ('x1', 'X')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        new io.setlist.sql.predictions.PredictionRequests(api.backends.warehouse()).create(ASYNC_REQUEST, "[]", 0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> protectedRoutes() {
        return api.server.routes().stream().filter(r -> !RouteScopes.isPublic(r.split(" ", 2)[1])
                && r.startsWith("GET ")).toList();
    }

    @Test
    void everyProtectedRouteHasASampleAndAScope() {
        assertThat(protectedRoutes()).containsExactlyInAnyOrderElementsOf(SAMPLE.keySet());
        for (String route : api.server.routes().stream().filter(r -> !RouteScopes.isPublic(r.split(" ", 2)[1]))
                .toList()) {
            String[] parts = route.split(" ", 2);
            assertThat(api.server.scopes().required(parts[0], parts[1])).as(route).isPresent();
        }
    }

    @Test
    void missingMalformedOrUnknownKeysAre401AndTheWrongScopeIs403OnEveryRoute() {
        for (String route : protectedRoutes()) {
            String path = SAMPLE.get(route);
            for (String key : new String[]{null, "sl_not-a-real-key", "garbage"}) {
                HttpResponse<String> r = api.get(path, key);
                assertThat(r.statusCode()).as(route + " with key " + key).isEqualTo(401);
                assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
                assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            }
            assertThat(api.get(path, null, "Authorization", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
            String[] parts = route.split(" ", 2);
            boolean adminOnly = api.server.scopes().required(parts[0], parts[1]).orElseThrow().label().equals("admin");
            HttpResponse<String> asReader = api.get(path, api.readKey);
            assertThat(asReader.statusCode()).as(route + " as reader").isEqualTo(adminOnly ? 403 : 200);
            if (adminOnly) {
                assertThat(json(asReader).get("error").asText()).isEqualTo("forbidden");
            }
            assertThat(api.get(path, api.adminKey).statusCode()).as(route + " as admin").isEqualTo(200);
        }
        assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void postRoutesNeedAKeyAndAdminRoutesTheAdminScope() throws Exception {
        for (String path : List.of("/v1/predictions", "/v1/models/completion/predictions", "/v1/admin/jobs/all/runs",
                "/v1/prediction-requests")) {
            assertThat(post(path, null).statusCode()).as(path + " without a key").isEqualTo(401);
        }
        assertThat(post("/v1/admin/jobs/all/runs", api.readKey).statusCode()).isEqualTo(403);
        HttpResponse<String> noScheduler = post("/v1/admin/jobs/all/runs", api.adminKey);
        assertThat(noScheduler.statusCode()).isEqualTo(503);
        assertThat(json(noScheduler).get("error").asText()).isEqualTo("unavailable");
        assertThat(post("/v1/admin/jobs/nope/runs", api.adminKey).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> post(String path, String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + api.server.port() + path)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRevokedKeyIsRefused() {
        String key = api.keys.create("short-lived", io.setlist.scheduler.auth.Scope.READ).secret();
        assertThat(api.get("/v1/users/u1/recommendations", key).statusCode()).isEqualTo(200);
        assertThat(api.keys.revoke("short-lived")).isTrue();
        assertThat(api.get("/v1/users/u1/recommendations", key).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownOrRepeatedParametersAre400NamingThemOnEveryRoute() {
        for (String route : protectedRoutes()) {
            String sample = SAMPLE.get(route);
            HttpResponse<String> r = api.get(sample + (sample.contains("?") ? "&" : "?") + "bogus=1", api.adminKey);
            assertThat(r.statusCode()).as(route).isEqualTo(400);
            assertThat(json(r).get("parameter").asText()).isEqualTo("bogus");
        }
        assertBadParameter("/v1/users/u1/recommendations?limit=1&limit=2", "limit");
        for (String limit : List.of("abc", "0", "101", "-1", "1.5", "")) {
            assertBadParameter("/v1/users/u1/recommendations?limit=" + limit, "limit");
        }
        assertBadParameter("/v1/users/" + "x".repeat(129) + "/recommendations", "userId");
        assertBadParameter("/v1/users/u1/recommendations?cursor=not-a-cursor", "cursor");
        assertBadParameter("/v1/users/u1/recommendations?cursor=" + java.util.Base64.getUrlEncoder()
                .encodeToString("c1|run|-4".getBytes()), "cursor");
        assertBadParameter("/v1/cache/hot/priorities?limit=10001", "limit");
        assertBadParameter("/v1/cache/HOT!/priorities", "tier");
        assertBadParameter("/v1/cache/hot/priorities?cursor=%00", "cursor");
    }

    private static void assertBadParameter(String path, String parameter) {
        HttpResponse<String> r = api.get(path, api.readKey);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("bad_request");
        assertThat(body.get("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SELECT");
    }

    @Test
    void unknownUsersTiersAndRoutesAre404() {
        for (String path : List.of("/v1/users/nobody/recommendations", "/v1/cache/cold/priorities", "/v2/nothing",
                "/v1/runs/previous")) {
            HttpResponse<String> r = api.get(path, api.adminKey);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void answersCarryTheRunAsETagAnd304WhenItIsUnchanged() {
        for (String path : List.of("/v1/users/u2/recommendations?limit=3", "/v1/cache/hot/priorities?limit=5",
                "/v1/runs/current")) {
            HttpResponse<String> first = api.get(path, api.adminKey);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isEqualTo("\"" + RUN + "\"");
            assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
            HttpResponse<String> again = api.get(path, api.adminKey, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(api.get(path, api.adminKey, "If-None-Match", "\"2026-01-01.old\"").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pagesWalkTheWholeListInOrderWithOpaqueCursors() {
        List<Integer> ranks = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode body = json(api.get("/v1/users/u5/recommendations?limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor), api.readKey));
            body.get("items").forEach(i -> ranks.add(i.get("rank").asInt()));
            cursor = body.hasNonNull("nextCursor") ? body.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(ranks).hasSize(30).isSorted().doesNotHaveDuplicates().startsWith(1).endsWith(30);

        Set<String> tracks = new HashSet<>();
        List<Integer> trackRanks = new ArrayList<>();
        cursor = null;
        do {
            JsonNode body = json(api.get("/v1/cache/hot/priorities?limit=333"
                    + (cursor == null ? "" : "&cursor=" + cursor), api.readKey));
            body.get("items").forEach(i -> {
                trackRanks.add(i.get("rank").asInt());
                tracks.add(i.get("trackId").asText());
            });
            cursor = body.hasNonNull("nextCursor") ? body.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(trackRanks).hasSize(1_234).isSorted().endsWith(1_234);
        assertThat(tracks).hasSize(1_234);
    }

    @Test
    void theCurrentRunIsDescribedForAdmins() {
        JsonNode run = json(api.get("/v1/runs/current", api.adminKey));
        assertThat(run.get("runId").asText()).isEqualTo(RUN);
        assertThat(run.get("users").asLong()).isEqualTo(40);
        assertThat(run.get("tiers").get(0).asText()).isEqualTo("hot");
    }

    @Test
    void oversizedRequestsAre413Json() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + api.server.port() + "/v1/users/u1/recommendations"))
                .header("Authorization", "Bearer " + api.readKey)
                .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(512 * 1024))).build();
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void metricsCountRequestsByRouteAndStatusInPrometheusFormat() {
        api.get("/v1/users/u1/recommendations", api.readKey);
        api.get("/v1/users/u1/recommendations", api.readKey);
        api.get("/v1/users/nobody/recommendations", api.readKey);
        HttpResponse<String> r = api.get("/metrics", api.readKey);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).containsPattern("setlist_http_requests_seconds_count\\{[^}]*route=\"/v1/users/\\{userId\\}"
                + "/recommendations\"[^}]*status=\"200\"[^}]*} [1-9]");
        assertThat(text).containsPattern("setlist_http_requests_seconds_bucket\\{[^}]*le=\"0\\.01\"");
        assertThat(text).containsPattern("status=\"404\"");
        assertThat(text).containsPattern("cache_gets_total\\{[^}]*cache=\"recommendations\"[^}]*result=\"hit\"[^}]*} [1-9]");
        assertThat(text).contains("setlist_api_cache_hit_ratio");
    }
}
