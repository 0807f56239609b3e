package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server under requests of every shape a hostile or broken client sends: every route under every method
 * (odd tokens too), with and without a key, odd and oversized headers, method overrides, broken JSON and encodings,
 * path traversal, overlong paths and query strings, duplicate parameters, unicode. None may get a 500 (a 503 only
 * where the contract has one, a 505 for an HTTP version that does not exist), and every error is the one JSON shape
 * with a correlation id.
 */
class HostileRequestsTest {
    private static final String RUN = "2026-11-01.20261102T030000Z";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "FOO", "get", "PROPFIND", "M-SEARCH", "X".repeat(300));

    @TempDir
    static Path home;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, ApiFixture.unlimited());
        api.publish(RUN, "A", 5, 10, 20);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A concrete path for every served route (templates filled in). */
    private static List<String> samplePaths() {
        List<String> paths = new ArrayList<>();
        for (String route : api.server.routes()) {
            paths.add(route.split(" ", 2)[1].replace("{userId}", "u1").replace("{tier}", "hot")
                    .replace("{name}", "completion").replace("{job}", "all")
                    .replace("{file}", "dashboard.js")
                    .replace("{trackingId}", java.util.UUID.randomUUID().toString()));
        }
        return paths.stream().distinct().toList();
    }

    @Test
    void everyRouteUnderEveryMethodWithAndWithoutAKeyAnswersWithoutA500() {
        int sent = 0;
        for (String path : samplePaths()) {
            for (String method : METHODS) {
                for (String key : new String[]{null, api.adminKey, "sl_forged"}) {
                    String head = method + " " + path + " HTTP/1.1\r\nHost: localhost"
                            + (key == null ? "" : "\r\nAuthorization: Bearer " + key);
                    check(method + " " + path + " key=" + (key != null), method, RawHttp.send(api.server.port(),
                            head + "\r\nContent-Type: application/json\r\nContent-Length: 2", "{}".getBytes()));
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(400);
    }

    @Test
    void headIsTheGetWithoutABodyOnEveryGetRoute() {
        for (String route : api.server.routes()) {
            if (!route.startsWith("GET ")) {
                continue;
            }
            String path = samplePaths().stream().filter(p -> p.startsWith(route.split(" ")[1]
                    .replaceAll("\\{.*", ""))).findFirst().orElseThrow();
            String auth = "\r\nAuthorization: Bearer " + api.adminKey;
            RawHttp.Answer get = RawHttp.send(api.server.port(), "GET " + path + " HTTP/1.1\r\nHost: x" + auth,
                    new byte[0]);
            RawHttp.Answer head = RawHttp.send(api.server.port(), "HEAD " + path + " HTTP/1.1\r\nHost: x" + auth,
                    new byte[0]);
            assertThat(head.status()).as(route).isEqualTo(get.status());
            assertThat(head.body()).as(route).isEmpty();
            assertThat(head.headers().get("content-type")).as(route).isEqualTo(get.headers().get("content-type"));
            assertThat(head.headers()).as(route).containsKey("x-correlation-id");
        }
    }

    @Test
    void methodOverrideHeadersAreIgnoredAndUnknownMethodsAre405WithAllow() {
        String auth = "\r\nAuthorization: Bearer " + api.adminKey;
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            // A GET stays a GET: the admin trigger (POST only) is not reached through it.
            RawHttp.Answer trigger = RawHttp.send(api.server.port(), "GET /v1/admin/jobs/all/runs HTTP/1.1\r\nHost: x"
                    + auth + "\r\n" + header + ": POST", new byte[0]);
            assertThat(trigger.status()).as(header).isEqualTo(405);
            assertThat(trigger.headers().get("allow")).isEqualTo("POST");
            RawHttp.Answer get = RawHttp.send(api.server.port(), "GET /v1/runs/current HTTP/1.1\r\nHost: x" + auth
                    + "\r\n" + header + ": DELETE", new byte[0]);
            assertThat(get.status()).as(header).isEqualTo(200);
        }
        RawHttp.Answer foo = RawHttp.send(api.server.port(), "FOO /v1/runs/current HTTP/1.1\r\nHost: x" + auth,
                new byte[0]);
        assertThat(foo.status()).isEqualTo(405);
        assertThat(foo.headers().get("allow")).isEqualTo("GET, HEAD");
        assertThat(json(foo).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void oddHeadersPathsQueriesAndBodiesAnswerWithoutA500() {
        String key = "Authorization: Bearer " + api.adminKey;
        Map<String, byte[]> requests = new LinkedHashMap<>();
        String recs = "/v1/users/u1/recommendations";
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nX-Big: " + "a".repeat(20_000), new byte[0]);
        StringBuilder many = new StringBuilder("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key);
        for (int i = 0; i < 300; i++) {
            many.append("\r\nX-H").append(i).append(": v");
        }
        requests.put(many.toString(), new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "sl_" + "k".repeat(5000),
                new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sl_ünïcödé🎵", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + "Bearer sl_x\u0001\u007f", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nAccept: text/html", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nX-Correlation-Id: \u0000bad\r\n"
                + "If-None-Match: " + "\"".repeat(100), new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Length: -1", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Length: abc", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nTransfer-Encoding: chunked",
                "zz\r\nnot hex\r\n0\r\n\r\n".getBytes());
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nTransfer-Encoding: gzip, chunked",
                "0\r\n\r\n".getBytes());
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: 5", "abcde".getBytes());
        requests.put("GET " + recs + " HTTP/9.9\r\nHost: x\r\n" + key, new byte[0]);
        requests.put("GET " + recs + "\r\nHost: x", new byte[0]);
        requests.put("GET  " + recs + "  HTTP/1.1\r\nHost: x", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\n" + key, new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + key, new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\nBad Header: x", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n: empty", new byte[0]);
        requests.put("GET " + recs + " HTTP/1.1\r\nHost: x\r\n folded: x", new byte[0]);
        for (String path : List.of("/../../etc/passwd", "/v1/users/%2e%2e/recommendations",
                "/v1/users/..%2f..%2fetc%2fpasswd/recommendations", "/v1/users/%2F/recommendations",
                "/v1/users/%00/recommendations", "/v1/users/%ff%fe/recommendations", "/v1/users/%/recommendations",
                "/v1/users/%zz/recommendations", "/v1/users/%E2%80%AE%F0%9F%8E%B5/recommendations",
                "/v1/users/ü🎵/recommendations", "/v1/users/u1/recommendations;jsessionid=1",
                "//v1//users//u1//recommendations", "/v1/users/u1/recommendations/", "/v1/users//recommendations",
                "/v1/users/" + "x".repeat(7000) + "/recommendations", "/" + "a/".repeat(3000),
                recs + "?" + "q=" + "y".repeat(7000), recs + "?limit=1&limit=2", recs + "?limit=%zz",
                recs + "?limit=" + "9".repeat(50), recs + "?cursor=" + "A".repeat(5000), recs + "?&&&=&=",
                recs + "?limit", recs + "?%00=1", recs + "?limit=1;limit=2", recs + "#fragment",
                "/v1/retention?from=+200000-01-01&to=+200000-01-02", "/v1/retention?from=-4714-01-01&to=2020-01-01",
                "/v1/retention?from=0001-01-01&to=0001-01-02", "/v1/retention?from=9999-12-01&to=9999-12-31",
                "/v1/retention?from=2026-02-30&to=2026-03-01", "/v1/admin/runs?limit=0", "/v1/admin/runs?job=%00",
                "/v1/admin/runs?job=" + "j".repeat(3000), "/v1/cache/" + "h".repeat(100) + "/priorities",
                "/v1/models/%00/predictions", "*", "http://evil.example/v1/runs/current",
                "/v1/runs/current?x=" + "%".repeat(10), "/openapi.json/..", "/metrics%20", "/health/live/../ready",
                "/health/" + "z".repeat(5000))) {
            requests.put("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + key, new byte[0]);
        }
        List<String> bodies = new ArrayList<>(List.of("", "{", "[", "null", "[]", "[1]", "{\"items\":{}}",
                "{\"items\":[null]}", "[{}]", "\"str\"", "1e999999", "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
                "[{\"userId\":\"" + "u".repeat(100_000) + "\",\"trackId\":\"t\",\"timestamp\":\"2026-11-01T00:00:00Z\"}]",
                "[{\"userId\":\"u1\",\"trackId\":\"t1\",\"timestamp\":\"+200000-01-01T00:00:00Z\"}]",
                "[{\"userId\":\"u1\",\"trackId\":\"t1\",\"timestamp\":\"-999999999-01-01T00:00:00Z\"}]",
                "[{\"userId\":\"u1\",\"trackId\":\"t1\",\"timestamp\":\"2026-11-01T00:00:00+25:00\"}]",
                "[{\"userId\":\"u1\",\"trackId\":\"t1\",\"timestamp\":12345}]",
                "[{\"userId\":1,\"trackId\":[],\"timestamp\":{}}]", "{\"date\":\"+200000-01-01\",\"force\":\"x\"}",
                "{\"date\":[],\"force\":null}", "{\"date\":\"2026-13-45\"}", "\uFEFF[]", "{\"a\":1,\"a\":2}"));
        StringBuilder thousandDays = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            thousandDays.append(i == 0 ? "" : ",").append("{\"userId\":\"u1\",\"trackId\":\"t1\",\"timestamp\":\"")
                    .append(java.time.LocalDate.of(2020, 1, 1).plusDays(i)).append("T12:00:00Z\"}");
        }
        bodies.add(thousandDays.append("]").toString());
        for (String path : List.of("/v1/predictions", "/v1/models/completion/predictions", "/v1/prediction-requests",
                "/v1/admin/jobs/all/runs")) {
            for (String body : bodies) {
                for (String type : List.of("application/json", "text/plain", "application/json; charset=bogus",
                        "application/json; charset=utf-32", "multipart/form-data; boundary=x")) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    requests.put("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Type: " + type
                            + "\r\nContent-Length: " + bytes.length + "\r\nX-Case: " + requests.size(), bytes);
                }
            }
            byte[] invalidUtf8 = {'[', '{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}', ']'};
            requests.put("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + invalidUtf8.length, invalidUtf8);
            requests.put("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + key + "\r\nContent-Length: 300000",
                    "[".repeat(300_000).getBytes());
        }
        for (Map.Entry<String, byte[]> request : requests.entrySet()) {
            String name = request.getKey().substring(0, Math.min(300, request.getKey().length()));
            String method = request.getKey().split(" ", 2)[0];
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(api.server.port(), request.getKey(), request.getValue());
            } catch (RuntimeException e) {
                throw new AssertionError(name, e);
            }
            check(name, method, answer);
        }
    }

    @Test
    void literalBracesInThePathAreAJsonBadRequestUnderEveryMethod() {
        // Jetty refuses a raw '{' or '}' in a path before any route runs; the answer is still the API's JSON 400.
        String key = "\r\nAuthorization: Bearer " + api.adminKey;
        int sent = 0;
        for (String path : List.of("/v1/users/{userId}/recommendations", "/v1/users/{/recommendations", "/v1/{",
                "/{}", "/v1/prediction-requests/{trackingId}", "/v1/admin/jobs/}/runs")) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FOO")) {
                String name = method + " " + path;
                RawHttp.Answer answer = RawHttp.send(api.server.port(), method + " " + path + " HTTP/1.1\r\nHost: x"
                        + key + "\r\nContent-Type: application/json\r\nContent-Length: 2", "{}".getBytes());
                check(name, method, answer);
                assertThat(answer.status()).as(name).isEqualTo(400);
                if (!method.equals("HEAD")) {
                    assertThat(json(answer).get("error").asText()).as(name).isEqualTo("bad_request");
                }
                sent++;
            }
        }
        assertThat(sent).isEqualTo(48);
    }

    @Test
    void junkMethodsAndPathsAddNoMeters() {
        int before = meters();
        for (int i = 0; i < 300; i++) {
            RawHttp.send(api.server.port(), "JUNK" + i + " /junk/" + i + " HTTP/1.1\r\nHost: x", new byte[0]);
            RawHttp.send(api.server.port(), "GET /v1/users/u" + i + "/recommendations HTTP/1.1\r\nHost: x\r\n"
                    + "X-HTTP-Method-Override: M" + i, new byte[0]);
        }
        int after = meters();
        assertThat(after - before).as("new request timers after 600 distinct junk requests").isLessThanOrEqualTo(4);
    }

    private static int meters() {
        return api.server.metricsForTests().requestTimers();
    }

    private static void check(String name, String method, RawHttp.Answer answer) {
        assertThat(answer.status()).as(name).isLessThan(600).isNotEqualTo(500);
        if (answer.status() >= 500) {
            // 503 where the contract has one (no run yet, no scheduler); 505 is HTTP's answer to "HTTP/9.9".
            assertThat(answer.status()).as(name + ": " + answer.body()).isIn(503, 505);
        }
        assertThat(answer.headers()).as(name).containsKey("x-correlation-id");
        if (answer.status() >= 400 && !method.equals("HEAD")) {
            assertThat(answer.headers().get("content-type")).as(name).startsWith("application/json");
            JsonNode body = json(answer);
            assertThat(body.path("error").isTextual() || name.contains("/health/")).as(name + ": " + answer.body())
                    .isTrue();
            if (body.path("error").isTextual()) {
                assertThat(body.path("correlationId").asText()).as(name)
                        .isEqualTo(answer.headers().get("x-correlation-id"));
                assertThat(body.path("message").asText().length()).as(name).isLessThanOrEqualTo(ApiError.MAX_MESSAGE + 1);
            }
            assertThat(answer.body()).as(name).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("SELECT").doesNotContain("<html");
        }
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return ApiFixture.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
