package io.setlist.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.DemandWeights;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.dashboard.DashboardSettings;
import io.setlist.scheduler.pipeline.CompletionStage;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.PredictionFeatures;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature store is warm before a node says READY, and the daily completion stage brings it forward: a node
 * whose store is not built yet answers {@code /health/ready} 503 NOT_READY (naming the store) though it serves a run;
 * once the warm-up has run (no prediction request in between) it is READY and holds the events; after more events
 * are imported, the completion stage's run leaves it holding the latest event id.
 */
class FeatureStoreWarmUpTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final int DAYS = 14;

    @TempDir
    Path home;

    @Test
    void notReadyUntilTheStoreIsBuiltThenTheCompletionStageBringsItForward() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(60, DAYS, 3, FIRST_DAY), data);
        String cut = FIRST_DAY.plusDays(DAYS - 2).toString();
        List<String> lines = Files.readAllLines(data.resolve("events.csv"));
        List<String> early = new ArrayList<>(List.of(lines.get(0)));
        List<String> later = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            (line.split(",")[1].compareTo(cut) < 0 ? early : later).add(line);
        }
        Files.write(data.resolve("events.csv"), early);
        Files.write(home.resolve("events-later.csv"), later);
        try (Backends backends = Backends.open(RealBackends.isolatedConfig(home))) {
            WorkloadImport.importDirectory(backends.warehouse(), data);
            FeatureStore store = (FeatureStore) PredictionFeatures.STORE.open(backends.apiWarehouse());
            RouteServices services = new RouteServices(backends.apiWarehouse(), new RunLedger(backends.apiWarehouse()),
                    List.of(), Optional.empty(), Duration.ofHours(36), Clock.systemUTC(),
                    new CompletionPredictions(backends.apiWarehouse(), Config.parse(Map.of()).abSplit(), store),
                    RealBackends.asyncPredictions(backends.apiWarehouse()), DashboardSettings.defaults(), store);
            try (ApiServer api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                    new ApiKeys(backends.apiWarehouse()), ApiFixture.unlimited(), services, "127.0.0.1", 0)) {
                publish(backends, "2026-09-14.warm");
                ApiFixture.awaitServing(api, "2026-09-14.warm");

                HttpResponse<String> cold = ready(api);
                assertThat(cold.statusCode()).isEqualTo(503);
                JsonNode coldBody = new ObjectMapper().readTree(cold.body());
                assertThat(coldBody.path("status").asText()).isEqualTo("NOT_READY");
                assertThat(coldBody.path("runId").asText()).isEqualTo("2026-09-14.warm");
                assertThat(coldBody.path("reason").asText()).contains("feature store is being built");

                store.warmInBackground().join();
                HttpResponse<String> warm = ready(api);
                assertThat(warm.statusCode()).as(warm.body()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(warm.body()).path("status").asText()).isEqualTo("READY");
                assertThat(store.servedFromMemory()).as("built by the warm-up, not by a request").isZero();
                long heldAtStart = store.latestEventId();
                assertThat(heldAtStart).isEqualTo(maxEventId(backends));

                WorkloadImport.importFile(backends.warehouse(), home.resolve("events-later.csv"));
                assertThat(maxEventId(backends)).isGreaterThan(heldAtStart);
                assertThat(store.latestEventId()).isEqualTo(heldAtStart); // nothing asked it yet

                CompletionStage stage = new CompletionStage(backends.warehouse(), List.of(new CacheTier("hot", 64L << 20)),
                        DemandWeights.DEFAULT, CachePlan.Priority.PER_BYTE, store);
                Stage.Outcome outcome = stage.run(new Stage.RunContext(FIRST_DAY.plusDays(DAYS - 1), "warm-test",
                        Instant.now()));
                assertThat(store.latestEventId()).isEqualTo(maxEventId(backends));
                assertThat(outcome.summary()).contains("feature store brought forward")
                        .contains("up to event id " + maxEventId(backends));
                assertThat(store.servedFromMemory()).isZero();
            }
        }
    }

    private static HttpResponse<String> ready(ApiServer api) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publish(Backends backends, String runId) {
        RunPublisher publisher = new RunPublisher(backends.dynamo(), backends.tables(), 4, 8);
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.now(), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            session.add(new UserRecommendations("u0", "neighbours", List.of(new RecommendedArtist(1, "a1", "A", 1.0))));
            session.commit();
        }
    }

    private static long maxEventId(Backends backends) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(event_id) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
