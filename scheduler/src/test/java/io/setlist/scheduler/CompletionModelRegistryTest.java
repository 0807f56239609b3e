package io.setlist.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.pipeline.CompletionStage;
import io.setlist.scheduler.pipeline.Stage;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunMetrics;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.api.ApiServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Train on the warehouse, register, refuse a worse challenger, and let the daily stage use the champion. */
class CompletionModelRegistryTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(27);

    @TempDir
    static Path home;
    private static Backends backends;
    private static CompletionModels models;

    @BeforeAll
    static void load() {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(250, 28, 11, FIRST_DAY), data);
        backends = Backends.open(RealBackends.isolatedConfig(home));
        WorkloadImport.importDirectory(backends.warehouse(), data);
        models = new CompletionModels(backends.warehouse());
    }

    @AfterAll
    static void close() {
        backends.close();
    }

    @Test
    void theRegistryKeepsTheBetterModelAndTheStageServesIt() throws Exception {
        ModelSelection.Grid grid = ModelSelection.Grid.small();
        CompletionModels.Trained boosted = models.train(LAST_DAY, "gradient-boosted-trees", "first", grid);
        assertThat(boosted.registration().version()).isEqualTo(1);
        assertThat(boosted.registration().promoted()).isTrue();
        assertThat(boosted.metrics().auc()).isGreaterThan(0.6);

        CompletionModels.Trained majority = models.train(LAST_DAY, "majority-class", "a worse challenger", grid);
        assertThat(majority.registration().version()).isEqualTo(2);
        assertThat(majority.championLogLoss()).isLessThan(majority.metrics().logLoss());
        assertThat(majority.registration().promoted()).isFalse();
        assertThat(models.champion()).hasValueSatisfying(c -> assertThat(c.version()).isEqualTo(1));

        io.setlist.sql.runs.RunLedger ledger = new io.setlist.sql.runs.RunLedger(backends.warehouse());
        String key = new io.setlist.scheduler.auth.ApiKeys(backends.warehouse())
                .create("models-test", io.setlist.scheduler.auth.Scope.READ).secret();
        try (ApiServer api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                new io.setlist.scheduler.auth.ApiKeys(backends.warehouse()),
                io.setlist.scheduler.config.ApiSettings.from(java.util.Map.of()),
                new io.setlist.scheduler.api.RouteServices(backends.warehouse(), ledger, java.util.List.of(),
                        java.util.Optional.empty(), java.time.Duration.ofHours(36), java.time.Clock.systemUTC(),
                        new io.setlist.scheduler.predictions.CompletionPredictions(backends.warehouse(),
                                io.setlist.scheduler.config.Config.parse(java.util.Map.of()).abSplit()),
                        RealBackends.asyncPredictions(backends.warehouse())),
                "127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/v1/models"))
                    .header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode model = new ObjectMapper().readTree(response.body()).path("models").path(0);
            assertThat(model.path("name").asText()).isEqualTo("completion");
            assertThat(model.path("champion").asInt()).isEqualTo(1);
            assertThat(model.path("versions")).hasSize(2);
            assertThat(model.path("versions").path(1).path("algorithm").asText()).isEqualTo("majority-class");
            assertThat(model.path("versions").path(1).path("champion").asBoolean()).isFalse();
            assertThat(model.path("versions").path(0).path("metrics").path("auc").asDouble()).isGreaterThan(0.6);
        }

        long capacity = 64L << 20;
        CompletionStage stage = new CompletionStage(backends.warehouse(), List.of(new CacheTier("hot", capacity)));
        Stage.Outcome outcome = stage.run(new Stage.RunContext(LAST_DAY, "test-run", Instant.now()));
        assertThat(outcome.summary()).contains("model completion v1");

        Map<String, Double> metrics = new RunMetrics(backends.warehouse()).forRun("completion", LAST_DAY);
        assertThat(metrics.get("model_version")).isEqualTo(1.0);
        assertThat(metrics.get("drift_new_vs_old_auc")).isBetween(0.0, 1.0);
        assertThat(metrics).containsKey("psi:user_skip_rate").containsKey("psi_max");

        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(size_bytes), count(*), min(probability), max(probability) "
                     + "FROM cache_priorities WHERE business_date = '" + LAST_DAY + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive().isLessThanOrEqualTo(capacity);
            assertThat(rs.getLong(2)).isPositive();
            assertThat(rs.getDouble(3)).isGreaterThan(0);
            assertThat(rs.getDouble(4)).isLessThan(1);
        }
    }
}
