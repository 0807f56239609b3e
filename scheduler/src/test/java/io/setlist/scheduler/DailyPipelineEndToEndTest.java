package io.setlist.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole daily path on real servers: generate → import into PostgreSQL → retention → recommend → completion →
 * publish to DynamoDB → read back through HTTP, including the error contract of the read API.
 */
class DailyPipelineEndToEndTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final LocalDate BUSINESS_DATE = FIRST_DAY.plusDays(13);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;

    private static Backends backends;
    private static SetlistService service;
    private static String base;
    private static List<DailyPipeline.StageReport> reports;
    private static int readyBeforePublish;
    private static String readKey;

    @BeforeAll
    static void runThePipeline() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(400, 14, 7, FIRST_DAY), data);
        Config settings = RealBackends.isolatedConfig(home);
        backends = Backends.open(settings);
        WorkloadImport.importDirectory(backends.warehouse(), data);
        service = SetlistService.start(backends, settings, false);
        // The same code path as `./setlist keys create --scope read --name e2e`.
        readKey = new ApiKeys(backends.warehouse()).create("e2e", Scope.READ).secret();
        base = "http://127.0.0.1:" + service.port();
        readyBeforePublish = get("/health/ready").statusCode();
        reports = service.pipeline().run(BUSINESS_DATE, false);
        // The API re-reads the run pointer at most once a second: wait for it to see the publish.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (get("/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        service.close();
        backends.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + readKey)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static List<String> userKeysWithRank1(String source) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.user_key FROM recommendations r JOIN users u USING (user_id) "
                     + "WHERE r.rank = 1 AND r.source = '" + source + "' ORDER BY u.user_key")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void everyStageRanAndWasRecordedInTheLedger() {
        assertThat(reports).extracting(DailyPipeline.StageReport::job)
                .containsExactly("retention", "purge", "recommend", "completion", "publish", "cleanup");
        RunLedger ledger = new RunLedger(backends.warehouse());
        for (String job : List.of("retention", "purge", "recommend", "completion", "publish")) {
            assertThat(ledger.find(job, BUSINESS_DATE)).hasValueSatisfying(e -> {
                assertThat(e.status()).isEqualTo("SUCCEEDED");
                assertThat(e.rowsOut()).isPositive();
            });
        }
        assertThat(ledger.find("cleanup", BUSINESS_DATE)).hasValueSatisfying(
                e -> assertThat(e.status()).isEqualTo("SUCCEEDED"));
        // The recommend stage's per-phase wall times are kept in the ledger.
        assertThat(ledger.find("recommend", BUSINESS_DATE).orElseThrow().summary())
                .containsPattern("matrix \\d+\\.\\d s, weights \\d+\\.\\d s, neighbours \\d+\\.\\d s, ranking \\d+\\.\\d s");
        // Firing again for the same date changes nothing.
        assertThat(service.pipeline().run(BUSINESS_DATE, false)).allMatch(DailyPipeline.StageReport::skipped);
    }

    @Test
    void metricsReportJobDurationsAndPublishThroughput() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("setlist_job_duration_seconds_count\\{[^}]*job=\"publish\"[^}]*outcome=\"succeeded\"")
                .containsPattern("setlist_publish_items_total [1-9]")
                .contains("setlist_publish_retries_total")
                .containsPattern("setlist_publish_last_items_per_second [1-9]");
    }

    @Test
    void metricsCarryEachJobsDurationAndLastSuccess() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        for (String job : List.of("retention", "recommend", "completion", "publish")) {
            assertThat(metrics.body()).contains("setlist_job_last_success_seconds{job=\"" + job + "\"}")
                    .containsPattern("setlist_job_duration_seconds_count\\{[^}]*job=\"" + job + "\"");
        }
    }

    @Test
    void readinessWasNotReadyUntilTheFirstPublish() throws Exception {
        assertThat(readyBeforePublish).isEqualTo(503);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("businessDate").asText()).isEqualTo(BUSINESS_DATE.toString());
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void servesEachUsersNeighbourRecommendationsFromDynamoDb() throws Exception {
        List<String> users = userKeysWithRank1("neighbours");
        assertThat(users).hasSizeGreaterThan(300);
        String user = users.get(0);
        JsonNode body = json(get("/v1/users/" + user + "/recommendations?limit=7"));
        assertThat(body.get("userId").asText()).isEqualTo(user);
        assertThat(body.get("source").asText()).isEqualTo("neighbours");
        assertThat(body.get("runId").asText()).startsWith(BUSINESS_DATE + ".");
        JsonNode items = body.get("items");
        assertThat(items).hasSize(7);
        Set<String> seen = new HashSet<>();
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            assertThat(item.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(item.get("name").asText()).isNotBlank();
            assertThat(item.get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = item.get("score").asDouble();
            assertThat(seen.add(item.get("artistId").asText())).isTrue();
        }
        // Never an artist the user already plays.
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.artist_key FROM plays p JOIN users u USING (user_id) "
                     + "JOIN artists a USING (artist_id) WHERE u.user_key = '" + user + "'")) {
            while (rs.next()) {
                assertThat(seen).doesNotContain(rs.getString(1));
            }
        }
        assertThat(json(get("/v1/users/" + user + "/recommendations")).get("items")).hasSize(20);
    }

    @Test
    void usersWithoutPlaysGetTheSegmentFallbackFlaggedAsSuch() throws Exception {
        List<String> cold = userKeysWithRank1("segment");
        cold.addAll(userKeysWithRank1("global"));
        assertThat(cold).isNotEmpty();
        JsonNode body = json(get("/v1/users/" + cold.get(0) + "/recommendations?limit=3"));
        assertThat(body.get("source").asText()).isIn("segment", "global");
        assertThat(body.get("items")).hasSize(3);
    }

    @Test
    void servesCachePrioritiesRankedByPriority() throws Exception {
        JsonNode body = json(get("/v1/cache/hot/priorities?limit=50"));
        JsonNode items = body.get("items");
        assertThat(items.size()).isBetween(1, 50);
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            assertThat(item.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(item.get("probability").asDouble()).isBetween(0.0, 1.0);
            assertThat(item.get("priority").asDouble()).isLessThanOrEqualTo(previous).isPositive();
            previous = item.get("priority").asDouble();
        }
        assertThat(json(get("/v1/cache/warm/priorities")).get("items").size()).isPositive();
    }

    @Test
    void badParametersAnswer400AndUnknownKeys404WithJsonBodies() throws Exception {
        String user = userKeysWithRank1("neighbours").get(0);
        for (String limit : List.of("abc", "0", "5000", "-1", "1.5")) {
            HttpResponse<String> r = get("/v1/users/" + user + "/recommendations?limit=" + limit);
            assertThat(r.statusCode()).as("limit=" + limit).isEqualTo(400);
            assertThat(json(r).get("parameter").asText()).isEqualTo("limit");
        }
        HttpResponse<String> cacheLimit = get("/v1/cache/hot/priorities?limit=zero");
        assertThat(cacheLimit.statusCode()).isEqualTo(400);
        assertThat(json(cacheLimit).get("parameter").asText()).isEqualTo("limit");

        HttpResponse<String> unknownUser = get("/v1/users/no-such-user/recommendations");
        assertThat(unknownUser.statusCode()).isEqualTo(404);
        assertThat(json(unknownUser).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> unknownTier = get("/v1/cache/cold/priorities");
        assertThat(unknownTier.statusCode()).isEqualTo(404);
        assertThat(json(unknownTier).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> unknownRoute = get("/v2/nothing");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(json(unknownRoute).get("error").asText()).isEqualTo("not_found");
        for (HttpResponse<String> r : List.of(unknownUser, unknownTier, unknownRoute)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void servesTheRetentionMatrixFromTheRollupsTheRunLeft() throws Exception {
        JsonNode body = json(get("/v1/retention?from=" + FIRST_DAY + "&to=" + BUSINESS_DATE + "&by=day"));
        assertThat(body.get("periods").asInt()).isEqualTo(30);
        JsonNode cohorts = body.get("cohorts");
        assertThat(cohorts.size()).isPositive();
        JsonNode first = cohorts.get(0);
        assertThat(first.get("start").asText()).isEqualTo(FIRST_DAY.toString());
        assertThat(first.get("size").asLong()).isPositive();
        // Rolling counts never grow with the period and never fall below the classic ones.
        for (int n = 0; n < 30; n++) {
            assertThat(first.get("rolling").get(n).asLong()).isGreaterThanOrEqualTo(first.get("exact").get(n).asLong());
            if (n > 0) {
                assertThat(first.get("rolling").get(n).asLong()).isLessThanOrEqualTo(first.get("rolling").get(n - 1).asLong());
            }
        }
        assertThat(json(get("/v1/retention?from=" + FIRST_DAY + "&to=" + BUSINESS_DATE + "&by=week"))
                .get("periods").asInt()).isEqualTo(12);

        for (String[] bad : new String[][]{{"to=2026-09-10", "from"}, {"from=2026-13-01&to=2026-09-10", "from"},
                {"from=2026-09-10&to=2026-09-01", "to"}, {"from=2025-01-01&to=2026-09-10", "to"},
                {"from=2026-09-01&to=2026-09-10&by=month", "by"}}) {
            HttpResponse<String> r = get("/v1/retention?" + bad[0]);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(json(r).get("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }
}
