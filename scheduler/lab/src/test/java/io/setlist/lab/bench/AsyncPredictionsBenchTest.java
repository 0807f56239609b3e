package io.setlist.lab.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench predictions --async} small, end to end on its own loopback Setlist (real PostgreSQL, dynalite,
 * RabbitMQ, the in-process API and workers): every accepted tracking id comes back DONE with every item scored,
 * none is lost, and the figures are consistent with what was sent.
 */
class AsyncPredictionsBenchTest {
    @Test
    void everyAcceptedRequestIsResolvedDoneAndNoneIsLost() throws Exception {
        try (LoopbackService service = LoopbackService.start(60, 21, 2)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            AsyncPredictionsBench.Result r = new AsyncPredictionsBench(service.baseUrl(), service.readKey())
                    .run(new AsyncPredictionsBench.Settings(50, 4, Duration.ofSeconds(120)), service.knownItems(5), out);
            AsyncPredictionsBench.print(r, out);

            assertThat(r.answers()).as(printed.toString(StandardCharsets.UTF_8)).containsExactly(
                    java.util.Map.entry(202, 50));
            assertThat(r.accepted()).isEqualTo(50);
            assertThat(r.statuses()).containsExactly(java.util.Map.entry("DONE", 50));
            assertThat(r.resolved()).isEqualTo(50);
            assertThat(r.lost()).isZero();
            assertThat(r.exitCode()).isZero();
            assertThat(r.firstFailure()).isNull();
            assertThat(r.itemsPerRequest()).isEqualTo(5);
            assertThat(r.endToEndSeconds()).isGreaterThanOrEqualTo(r.drainSeconds());
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("50 accepted, 50 resolved, 0 lost");

            // The server counted the same: 50 requests scored by the workers.
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer " + service.readKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("setlist_prediction_requests_processed_total\\{[^}]*outcome=\"done\"[^}]*} 50\\.0");
        }
    }

    @Test
    void anAcceptedRequestNeverScoredIsReportedLost() throws Exception {
        // No worker: every request is accepted and stays PENDING, and a zero timeout ends the poll at once.
        try (LoopbackService service = LoopbackService.start(30, 21, 0)) {
            AsyncPredictionsBench.Result r = new AsyncPredictionsBench(service.baseUrl(), service.readKey())
                    .run(new AsyncPredictionsBench.Settings(3, 2, Duration.ZERO), service.knownItems(2),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(r.accepted()).isEqualTo(3);
            assertThat(r.lost()).isEqualTo(3);
            assertThat(r.resolved()).isZero();
            assertThat(r.exitCode()).isEqualTo(1);
        }
    }
}
