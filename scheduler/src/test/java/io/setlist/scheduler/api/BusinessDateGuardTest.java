package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.cli.SetlistCli;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.PublishStage;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business dates later than today are refused where they enter (the command line, the admin API), with "today"
 * from an injected clock; a trigger of a job that is running now is a 409; a publish skipped behind the forward-only
 * pointer is SKIPPED in the ledger and shows in /health/ready.
 */
class BusinessDateGuardTest {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SetlistCli.commandLine(TODAY);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        return new String[]{Integer.toString(code), out.toString()};
    }

    @Test
    void theCommandLineRefusesAFutureBusinessDateWithExitCode2() {
        for (String[] args : List.of(
                new String[]{"run", "--date", "2026-12-01"},
                new String[]{"run", "purge", "--date", "2099-01-01"},
                new String[]{"run", "all", "--from", "2026-11-29", "--to", "2026-12-01"},
                new String[]{"run", "all", "--from", "2026-12-01", "--to", "2026-12-02"},
                new String[]{"models", "train", "--date", "2099-01-01"})) {
            String[] result = cli(args);
            assertThat(result[0]).as(String.join(" ", args)).isEqualTo("2");
            assertThat(result[1]).as(String.join(" ", args))
                    .contains("is in the future (today is 2026-11-30, UTC)")
                    .containsPattern("Invalid value for option '--(date|from|to)'");
        }
    }

    private static HttpResponse<String> post(ApiServer server, String path, String key, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + path)).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminTriggerRefusesAFutureDateAndARunningJobAndReadyReportsASkippedPublish() throws Exception {
        try (Backends backends = RealBackends.open(home)) {
            ApiKeys keys = new ApiKeys(backends.warehouse());
            String admin = keys.create("operator", Scope.ADMIN).secret();
            RunLedger ledger = new RunLedger(backends.warehouse());
            ApiServer server = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()), keys,
                    ApiFixture.unlimited(), new RouteServices(backends.warehouse(), ledger,
                            List.of("retention", "purge", "publish"), java.util.Optional.empty(), Duration.ofDays(3650),
                            TODAY, new io.setlist.scheduler.predictions.CompletionPredictions(backends.warehouse(),
                                    io.setlist.scheduler.config.Config.parse(java.util.Map.of()).abSplit()),
                            io.setlist.scheduler.RealBackends.asyncPredictions(backends.warehouse())),
                    "127.0.0.1", 0);
            try {
                for (String date : List.of("2026-12-01", "2099-01-01")) {
                    HttpResponse<String> future = post(server, "/v1/admin/jobs/purge/runs", admin,
                            "{\"date\": \"" + date + "\"}");
                    assertThat(future.statusCode()).isEqualTo(400);
                    JsonNode body = ApiFixture.JSON.readTree(future.body());
                    assertThat(body.get("parameter").asText()).isEqualTo("date");
                    assertThat(body.get("message").asText()).contains(date + " is in the future");
                }
                // Today passes the date check (and meets the missing scheduler: 503).
                assertThat(post(server, "/v1/admin/jobs/purge/runs", admin, "{\"date\": \"2026-11-30\"}")
                        .statusCode()).isEqualTo(503);

                // A live lease on (retention, 2026-11-29): that job, and the whole chain, are 409.
                ledger.begin("retention", LocalDate.of(2026, 11, 29), "r1", "node-x", false);
                for (String job : List.of("retention", "all")) {
                    HttpResponse<String> busy = post(server, "/v1/admin/jobs/" + job + "/runs", admin,
                            "{\"date\": \"2026-11-29\"}");
                    assertThat(busy.statusCode()).as(job).isEqualTo(409);
                    assertThat(busy.body()).contains("retention for 2026-11-29 is already running").contains("node-x");
                }
                assertThat(post(server, "/v1/admin/jobs/purge/runs", admin, "{\"date\": \"2026-11-29\"}")
                        .statusCode()).isEqualTo(503);

                // The pointer is on 2026-11-25; publishing 2026-11-24 is skipped, and recorded so.
                RunPublisher publisher = new RunPublisher(backends.dynamo(), backends.tables(), 2, 3);
                try (RunPublisher.Session s = publisher.open(new CurrentRun("2026-11-25.a", LocalDate.of(2026, 11, 25),
                        Instant.parse("2026-11-26T03:00:00Z"), 0, List.of()))) {
                    s.add(new UserRecommendations("u1", "neighbours", List.of()));
                    s.commit();
                }
                ApiFixture.awaitServing(server, "2026-11-25.a");
                DailyPipeline publishOnly = new DailyPipeline(List.of(new PublishStage(backends.warehouse(),
                        backends.dynamo(), backends.tables(), io.setlist.scheduler.config.PublishSettings.from(java.util.Map.of()))),
                        ledger, TODAY, "n");
                DailyPipeline.StageReport report = publishOnly.runOne("publish", LocalDate.of(2026, 11, 24), false);

                assertThat(report.skipped()).isTrue();
                RunLedger.Entry row = ledger.find("publish", LocalDate.of(2026, 11, 24)).orElseThrow();
                assertThat(row.status()).isEqualTo("SKIPPED");
                assertThat(row.summary()).contains("2026-11-25.a").contains("pointer only moves forward");
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode health = ApiFixture.JSON.readTree(ready.body());
                assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
                assertThat(health.get("runId").asText()).isEqualTo("2026-11-25.a");
                assertThat(health.get("skippedPublish").get("businessDate").asText()).isEqualTo("2026-11-24");
                assertThat(health.get("skippedPublish").get("reason").asText()).contains("only moves forward");
            } finally {
                server.close();
            }
        }
    }
}
