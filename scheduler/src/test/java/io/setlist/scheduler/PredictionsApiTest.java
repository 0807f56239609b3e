package io.setlist.scheduler;

import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.api.RouteServices;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.predictions.AbReport;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.VariantSplit;
import io.setlist.sql.Database;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.predictions.PredictionLog;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prediction routes against a real warehouse with a trained champion and challenger: scores equal the champion
 * applied to the daily replay's features, every prediction is logged, A/B variants follow the split, the A/B report
 * agrees with an independent count, and bad input gets the documented 400/404/413.
 */
class PredictionsApiTest {
    private static final io.setlist.scheduler.config.ApiSettings UNLIMITED =
            io.setlist.scheduler.config.ApiSettings.from(Map.of()).withRate(1_000_000, 1_000_000);
    private static String READ_KEY;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(20);
    private static final String SPLIT = "champion:50,challenger:50";
    private static final String SALT = "test-exp";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** PredictionBatch.MAX_DAYS, the documented limit of distinct days per batch. */
    private static final int MAX_DAYS = 31;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    private static Backends backends;
    private static ApiServer api;
    /** Plays of the last day, each with what the daily replay knows of it: its features' row and its label. */
    private static final List<Play> PLAYS = new ArrayList<>();

    record Play(String userKey, String trackKey, Instant ts, int row) {
    }

    private static FeatureTable replayed;
    private static int champion;
    private static int challenger;

    @BeforeAll
    static void load() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(200, 21, 13, FIRST_DAY), data);
        backends = Backends.open(RealBackends.isolatedConfig(home));
        WorkloadImport.importDirectory(backends.warehouse(), data);
        CompletionModels models = new CompletionModels(backends.warehouse());
        assertThat(models.train(LAST_DAY, "gradient-boosted-trees", "first", ModelSelection.Grid.small())
                .registration().promoted()).isTrue();
        assertThat(models.train(LAST_DAY, "logistic-regression", "second", ModelSelection.Grid.small())
                .registration().version()).isEqualTo(2);
        champion = models.registry().champion("completion").orElseThrow(); // whichever won on log-loss
        challenger = 3 - champion;

        Instant end = LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        // Replayed a day past the end so that a SKIP after midnight still labels its play; features never read
        // later events (PlayFeaturesLeakageTest), so the rows are those of the window ending at midnight.
        replayed = new WarehouseListening(backends.warehouse())
                .read(end.minus(Duration.ofDays(CompletionModels.HISTORY_DAYS)), end.plus(Duration.ofDays(1)))
                .features().between(end.toEpochMilli() - 86_400_000L, end.toEpochMilli());
        Map<Long, Integer> playsAtMs = new HashMap<>();
        for (long ts : replayed.ts()) {
            playsAtMs.merge(ts, 1, Integer::sum);
        }
        Map<Integer, String> userKeys = keys("SELECT user_id, user_key FROM users");
        Map<Integer, String> trackKeys = keys("SELECT track_id, track_key FROM tracks");
        for (int r = 0; r < replayed.rows() && PLAYS.size() < 120; r += 5) {
            if (playsAtMs.get(replayed.ts()[r]) == 1) { // dense indexes are the surrogate ids
                PLAYS.add(new Play(userKeys.get(replayed.user()[r]), trackKeys.get(replayed.track()[r]),
                        Instant.ofEpochMilli(replayed.ts()[r]), r));
            }
        }
        READ_KEY = new ApiKeys(backends.warehouse()).create("predictions-test", Scope.READ).secret();
        api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                new ApiKeys(backends.warehouse()), UNLIMITED,
                new RouteServices(backends.warehouse(), new RunLedger(backends.warehouse()), List.of(),
                        java.util.Optional.empty(), Duration.ofHours(36), java.time.Clock.systemUTC(), new CompletionPredictions(backends.warehouse(), VariantSplit.parse(SPLIT, SALT)),
                        RealBackends.asyncPredictions(backends.warehouse())),
                "127.0.0.1", 0);
    }

    @AfterAll
    static void close() {
        if (api != null) {
            api.close();
        }
        backends.close();
    }

    @Test
    void theChampionScoresEachPlayFromTheFeaturesTheDailyReplayGaveItAndLogsIt() throws Exception {
        List<Play> batch = PLAYS.subList(0, 60);
        HttpResponse<String> response = post("/v1/models/completion/predictions", body(batch));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("model").asText()).isEqualTo("completion");
        assertThat(json.path("version").asInt()).isEqualTo(champion);
        CompletionModels.Loaded model = new CompletionModels(backends.warehouse()).load("completion", champion)
                .orElseThrow();
        Set<String> trackingIds = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode p = json.path("predictions").path(i);
            Play play = batch.get(i);
            assertThat(p.path("userId").asText()).isEqualTo(play.userKey());
            assertThat(p.path("trackId").asText()).isEqualTo(play.trackKey());
            assertThat(Instant.parse(p.path("timestamp").asText())).isEqualTo(play.ts());
            double expected = model.model().probability(replayed.x(), play.row() * replayed.columns());
            assertThat(p.path("probability").asDouble()).as("play %d", i).isCloseTo(expected, within(1e-12));
            trackingIds.add(p.path("trackingId").asText());
        }
        assertThat(trackingIds).hasSize(batch.size());
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tracking_id::text, model_name, version, variant, probability "
                     + "FROM prediction_log WHERE variant IS NULL")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(trackingIds).contains(rs.getString(1));
                assertThat(rs.getString(2)).isEqualTo("completion");
                assertThat(rs.getInt(3)).isEqualTo(champion);
            }
            assertThat(rows).isEqualTo(batch.size());
        }
    }

    @Test
    void theExperimentServesEachUserTheirVariantAndTheReportMatchesAnIndependentCount() throws Exception {
        List<Play> batch = new ArrayList<>(PLAYS.subList(60, PLAYS.size()));
        Play unplayed = new Play(batch.get(0).userKey(), batch.get(1).trackKey(),
                LAST_DAY.plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC), -1);
        batch.add(unplayed);
        HttpResponse<String> response = post("/v1/predictions", body(batch));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode predictions = JSON.readTree(response.body()).path("predictions");
        VariantSplit split = VariantSplit.parse(SPLIT, SALT);
        Map<String, double[]> byVariant = new HashMap<>(); // [served, observed, correct]
        CompletionModels models = new CompletionModels(backends.warehouse());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode p = predictions.path(i);
            String variant = split.assign(batch.get(i).userKey());
            assertThat(p.path("variant").asText()).isEqualTo(variant);
            int version = variant.equals("champion") ? champion : challenger;
            assertThat(p.path("version").asInt()).isEqualTo(version);
            double[] counts = byVariant.computeIfAbsent(variant, v -> new double[3]);
            counts[0]++;
            if (batch.get(i).row() >= 0) {
                double threshold = models.load("completion", version).orElseThrow().threshold();
                boolean completed = replayed.completed()[batch.get(i).row()] == 1;
                counts[1]++;
                counts[2] += (p.path("probability").asDouble() >= threshold) == completed ? 1 : 0;
            }
        }
        assertThat(byVariant).containsOnlyKeys("champion", "challenger");

        List<AbReport.Row> report = AbReport.of(new PredictionLog(backends.warehouse())
                .observed(LAST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC), Instant.parse("2100-01-01T00:00:00Z")));
        assertThat(report).extracting(AbReport.Row::variant).contains("champion", "challenger");
        for (AbReport.Row row : report) {
            if (row.variant().startsWith("model:")) {
                continue; // the named-model test's predictions, if it ran first
            }
            double[] expected = byVariant.get(row.variant());
            assertThat(row.served()).isEqualTo((long) expected[0]);
            assertThat(row.observed()).isEqualTo((long) expected[1]);
            assertThat(row.correct()).isEqualTo((long) expected[2]);
            assertThat(row.accuracy()).isEqualTo(expected[2] / expected[1]);
            assertThat(row.ciLow()).isLessThan(row.accuracy());
            assertThat(row.ciHigh()).isGreaterThan(row.accuracy());
        }
        assertThat(report.stream().mapToLong(r -> r.served() - r.observed()).sum()).isEqualTo(1); // the unplayed one
    }

    @Test
    void theFeatureStoreAndTheWindowPathGiveTheSameProbabilities() {
        CompletionModels.Loaded model = new CompletionModels(backends.warehouse()).load("completion", champion)
                .orElseThrow();
        List<CompletionPredictions.Request> batch = PLAYS.stream()
                .map(p -> new CompletionPredictions.Request(p.userKey(), p.trackKey(), p.ts())).toList();
        VariantSplit split = VariantSplit.parse(SPLIT, SALT);
        javax.sql.DataSource ds = backends.warehouse();
        List<CompletionPredictions.Prediction> store = new CompletionPredictions(ds, split,
                io.setlist.scheduler.predictions.PredictionFeatures.STORE.open(ds)).score(model, batch);
        List<CompletionPredictions.Prediction> window = new CompletionPredictions(ds, split,
                io.setlist.scheduler.predictions.PredictionFeatures.WINDOW.open(ds)).score(model, batch);
        assertThat(store).hasSize(PLAYS.size());
        for (int i = 0; i < batch.size(); i++) {
            assertThat(store.get(i).probability()).as("play %d", i).isEqualTo(window.get(i).probability());
        }
        // Logged without a variant like the named-model route's: removed so that test counts only its own.
        try (Connection c = ds.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "DELETE FROM prediction_log WHERE tracking_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", java.util.stream.Stream.concat(store.stream(), window.stream())
                    .map(CompletionPredictions.Prediction::trackingId).toArray()));
            assertThat(s.executeUpdate()).isEqualTo(2 * batch.size());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badInputGetsA400NamingTheFieldAndItem() throws Exception {
        List<Play> two = PLAYS.subList(0, 2);
        assertError(post("/v1/models/completion/predictions", "{not json"), 400, "body", null);
        assertError(post("/v1/models/completion/predictions", "[]"), 400, "body", null);
        assertError(post("/v1/predictions", "{\"userId\": \"x\"}"), 400, "body", null);
        ArrayNode items = (ArrayNode) JSON.readTree(body(two));
        ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(1)).remove("trackId");
        assertError(post("/v1/models/completion/predictions", items.toString()), 400, "trackId", 1);
        items = (ArrayNode) JSON.readTree(body(two));
        ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(1)).put("timestamp", "yesterday");
        assertError(post("/v1/predictions", items.toString()), 400, "timestamp", 1);
        items = (ArrayNode) JSON.readTree(body(two));
        ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(1)).put("userId", "nobody");
        assertError(post("/v1/models/completion/predictions", items.toString()), 400, "userId", 1);
        items = (ArrayNode) JSON.readTree(body(two));
        ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(0)).put("trackId", "no-such-track");
        assertError(post("/v1/predictions", items.toString()), 400, "trackId", 0);
        items.insert(0, 42);
        assertError(post("/v1/predictions", items.toString()), 400, "item", 0);

        List<Play> tooMany = new ArrayList<>();
        while (tooMany.size() <= CompletionPredictions.MAX_BATCH) {
            tooMany.add(PLAYS.get(tooMany.size() % PLAYS.size()));
        }
        assertError(post("/v1/predictions", body(tooMany)), 413, "body", null);
        assertError(post("/v1/models/no-such-model/predictions", body(two)), 404, null, null);
    }

    @Test
    void timestampsOutsideTheDocumentedRangeAre400AndTooManyDaysAre422() throws Exception {
        List<Play> two = PLAYS.subList(0, 2);
        for (String ts : List.of("+200000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z",
                java.time.Instant.now().plus(Duration.ofDays(2)).toString())) {
            ArrayNode items = (ArrayNode) JSON.readTree(body(two));
            ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(1)).put("timestamp", ts);
            for (String path : List.of("/v1/predictions", "/v1/models/completion/predictions")) {
                assertError(post(path, items.toString()), 400, "timestamp", 1);
            }
        }
        // One day more than a batch may span: refused before any feature query runs.
        ArrayNode days = JSON.createArrayNode();
        Play p = PLAYS.get(0);
        for (int d = 0; d <= MAX_DAYS; d++) {
            days.addObject().put("userId", p.userKey()).put("trackId", p.trackKey())
                    .put("timestamp", p.ts().minus(Duration.ofDays(d)).toString());
        }
        HttpResponse<String> tooMuch = post("/v1/predictions", days.toString());
        assertError(tooMuch, 422, "timestamp", MAX_DAYS);
        assertThat(JSON.readTree(tooMuch.body()).path("error").asText()).isEqualTo("too_much_work");
        days.remove(days.size() - 1);
        assertThat(post("/v1/predictions", days.toString()).statusCode()).isEqualTo(200);
        // An unknown key is echoed truncated, never whole.
        ArrayNode items = (ArrayNode) JSON.readTree(body(two));
        ((com.fasterxml.jackson.databind.node.ObjectNode) items.get(0)).put("userId", "x".repeat(250));
        HttpResponse<String> unknown = post("/v1/predictions", items.toString());
        assertError(unknown, 400, "userId", 0);
        assertThat(unknown.body()).doesNotContain("x".repeat(41));
    }

    @Test
    void withoutAChampionBothRoutesAnswer404(@TempDir Path otherHome) throws Exception {
        io.setlist.scheduler.config.WarehouseSettings settings = RealBackends.isolatedConfig(otherHome).warehouse();
        try (Database empty = Database.open(settings.jdbcUrl(), settings.jdbcUser(), "", 2);
             ApiServer server = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                     new ApiKeys(backends.warehouse()), UNLIMITED,
                     new RouteServices(empty.dataSource(), new RunLedger(empty.dataSource()), List.of(),
                             java.util.Optional.empty(), Duration.ofHours(36), java.time.Clock.systemUTC(), new CompletionPredictions(empty.dataSource(), VariantSplit.parse(SPLIT, SALT)),
                             RealBackends.asyncPredictions(empty.dataSource())),
                     "127.0.0.1", 0)) {
            String body = body(PLAYS.subList(0, 1));
            for (String path : List.of("/v1/predictions", "/v1/models/completion/predictions")) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Authorization", "Bearer " + READ_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(JSON.readTree(response.body()).path("message").asText()).contains("champion");
            }
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String parameter, Integer index)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(json.path("parameter").isMissingNode() ? null : json.path("parameter").asText()).isEqualTo(parameter);
        assertThat(json.path("index").isMissingNode() ? null : json.path("index").asInt()).isEqualTo(index);
    }

    private static String body(List<Play> plays) {
        ArrayNode items = JSON.createArrayNode();
        for (Play p : plays) {
            items.addObject().put("userId", p.userKey()).put("trackId", p.trackKey()).put("timestamp", p.ts().toString());
        }
        return items.toString();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + READ_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<Integer, String> keys(String sql) throws Exception {
        Map<Integer, String> keys = new HashMap<>();
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                keys.put(rs.getInt(1), rs.getString(2));
            }
        }
        return keys;
    }
}
