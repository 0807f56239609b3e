package io.setlist.scheduler.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.api.RouteServices;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.VariantSplit;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.sql.dashboard.StoredCacheEvaluations;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.runs.RunLedger;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations dashboard as a person uses it, in a real headless Chromium: a demo-sized warehouse (generated,
 * imported, two completion models trained, the daily pipeline run for three dates, predictions served and a cache
 * replay stored), the read API with the dashboard, and a browser that signs in, opens every panel, checks that each
 * chart was drawn from the data, asks the explorer about a real user, and saves screenshots at 1280×800 and at
 * phone width to {@code target/dashboard-screenshots/}. A wrong or missing key sees no data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(27);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final List<String> ROUTES = List.of("/v1/admin/dashboard/runs", "/v1/admin/dashboard/retention",
            "/v1/admin/dashboard/models", "/v1/admin/dashboard/drift", "/v1/admin/dashboard/cache",
            "/v1/admin/dashboard/queues", "/v1/admin/dashboard/explain?user=u1&artist=a1");

    @TempDir
    static Path home;
    private static Backends backends;
    private static ApiServer api;
    private static ChromeDriver browser;
    private static String base;
    private static String adminKey;
    private static String readKey;
    private static String neighboursUser;

    @BeforeAll
    static void demoWarehouseAndBrowser() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(300, 28, 13, FIRST_DAY), data);
        Config settings = RealBackends.isolatedConfig(home);
        backends = Backends.open(settings);
        WorkloadImport.importDirectory(backends.warehouse(), data);
        CompletionModels models = new CompletionModels(backends.warehouse());
        models.train(LAST_DAY, "gradient-boosted-trees", "first model: boosted trees", ModelSelection.Grid.small());
        models.train(LAST_DAY, "logistic-regression", "challenger: logistic regression", ModelSelection.Grid.small());
        DailyPipeline pipeline = DailyPipeline.standard(backends, settings);
        for (LocalDate date = LAST_DAY.minusDays(2); !date.isAfter(LAST_DAY); date = date.plusDays(1)) {
            pipeline.run(date, false);
        }
        storeCacheReplay();
        ApiKeys keys = new ApiKeys(backends.warehouse());
        adminKey = keys.create("operator", Scope.ADMIN).secret();
        readKey = keys.create("reader", Scope.READ).secret();
        api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()), keys,
                ApiSettings.from(Map.of()).withRate(1_000_000, 1_000_000),
                // As `serve` builds it: the API's own pool, the pipeline's clock, the configured tiers and settings.
                new RouteServices(backends.apiWarehouse(), new RunLedger(backends.apiWarehouse()), pipeline.jobs(),
                        Optional.empty(), Duration.ofHours(36), pipeline.clock(),
                        new CompletionPredictions(backends.apiWarehouse(),
                                VariantSplit.parse("champion:50,challenger:50", "dashboard-test")),
                        RealBackends.asyncPredictions(backends.apiWarehouse()),
                        DashboardSettings.from(settings.pipeline())), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + api.port();
        servePredictionsForTheLastDay();
        neighboursUser = firstUserWithNeighbourRecommendations();
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(Files.createDirectories(home.resolve("chromium")), 1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    @Order(1)
    void everyPanelRouteNeedsAnAdminKeyAndThePageNeedsNone() throws Exception {
        for (String route : ROUTES) {
            assertThat(get(route, null).statusCode()).as(route).isEqualTo(401);
            assertThat(get(route, "sl_not-a-key").statusCode()).as(route).isEqualTo(401);
            HttpResponse<String> read = get(route, readKey);
            assertThat(read.statusCode()).as(route).isEqualTo(403);
            assertThat(read.body()).doesNotContain("cohorts", "versions", "tiers");
        }
        HttpResponse<String> page = get("/dashboard", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.body()).contains("Admin key").doesNotContain("sl_");
        assertThat(get("/dashboard/assets/dashboard.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/dashboard/assets/secrets.txt", null).statusCode()).isEqualTo(404);
        assertThat(get("/dashboard?key=x", null).statusCode()).isEqualTo(400);
        assertThat(get("/v1/admin/dashboard/runs?days=0", adminKey).statusCode()).isEqualTo(400);
        assertThat(get("/v1/admin/dashboard/retention?by=month", adminKey).statusCode()).isEqualTo(400);
        assertThat(get("/v1/admin/dashboard/explain?artist=a1", adminKey).statusCode()).isEqualTo(400);
        assertThat(get("/v1/admin/dashboard/explain?user=nobody&artist=nothing", adminKey).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(2)
    void aWrongOrReadOnlyKeyGetsNoDataInTheBrowser() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(base + "/dashboard");
        signIn("sl_wrong-key");
        waitFor(() -> !text(By.id("login-error")).isEmpty());
        assertThat(text(By.id("login-error"))).contains("401");
        assertThat(browser.findElement(By.id("panels")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#panels svg"))).isEmpty();
        screenshot(browser.findElement(By.tagName("body")), "sign-in-refused");
        signIn(readKey);
        waitFor(() -> text(By.id("login-error")).contains("403"));
        assertThat(browser.findElements(By.cssSelector("#panels svg"))).isEmpty();
        assertThat(script("return sessionStorage.getItem('setlist.adminKey')")).isNull();
        assertThat(browser.getCurrentUrl()).doesNotContain(readKey);
    }

    @Test
    @Order(3)
    void everyPanelDrawsItsChartsFromTheWarehouseAt1280x800() throws Exception {
        openSignedIn(1280, 800);
        screenshot(null, "overview-1280x800");

        JsonNode runs = json(get("/v1/admin/dashboard/runs", adminKey));
        WebElement panel = browser.findElement(By.id("runs"));
        assertThat(panel.getText()).contains("FRESH", runs.path("current").path("runId").asText(), LAST_DAY.toString(),
                LAST_DAY.minusDays(2).toString());
        assertThat(panel.findElements(By.cssSelector("path.series"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(panel.findElements(By.cssSelector("rect.bar"))).hasSize(runs.path("dates").get(0).path("stages").size());
        long recommendRows = new RunLedger(backends.warehouse()).find("recommend", LAST_DAY).orElseThrow().rowsOut();
        assertThat(panel.getText()).contains(String.format("%,d rows", recommendRows));
        screenshot(panel, "runs");

        panel = browser.findElement(By.id("retention"));
        JsonNode retention = json(get("/v1/admin/dashboard/retention?by=day", adminKey));
        assertThat(panel.findElements(By.cssSelector("rect.cell:not(.pending)"))).hasSizeGreaterThan(100);
        assertThat(panel.findElements(By.cssSelector("text.cell-value"))).isNotEmpty();
        JsonNode first = retention.path("cohorts").get(0);
        assertThat(panel.getText()).contains(first.path("start").asText() + " (" + first.path("size").asInt() + ")",
                String.valueOf(Math.round(100 * first.path("exactRate").get(0).asDouble())));
        assertThat(panel.findElements(By.cssSelector("path.series"))).hasSizeGreaterThanOrEqualTo(3);
        screenshot(panel, "retention");
        panel.findElement(By.cssSelector("button[data-by=week]")).click();
        panel.findElement(By.cssSelector("button[data-kind=rolling]")).click();
        waitFor(() -> browser.findElement(By.id("retention")).getText().contains("rolling, week cohorts"));
        assertThat(browser.findElements(By.cssSelector("#retention rect.cell:not(.pending)"))).isNotEmpty();
        screenshot(browser.findElement(By.id("retention")), "retention-week-rolling");

        panel = browser.findElement(By.id("models"));
        JsonNode models = json(get("/v1/admin/dashboard/models", adminKey));
        assertThat(models.path("versions")).hasSize(2);
        assertThat(panel.findElements(By.cssSelector("table.versions tbody tr"))).hasSize(2);
        assertThat(panel.getText()).contains("★ champion", "challenger: logistic regression",
                "v" + models.path("champion").asInt());
        assertThat(panel.findElements(By.cssSelector("figure[data-chart=line]"))).hasSize(2);
        assertThat(panel.findElements(By.cssSelector("path.series"))).hasSize(4);
        assertThat(panel.findElements(By.cssSelector("table.ab tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(panel.findElements(By.cssSelector("rect.bar"))).hasSize(models.path("ab").size());
        assertThat(panel.findElements(By.cssSelector("line.interval"))).hasSize(models.path("ab").size());
        JsonNode variant = models.path("ab").get(0);
        assertThat(panel.getText()).contains(String.format("%.1f%% [%.1f%%, %.1f%%]", 100 * variant.path("accuracy")
                .asDouble(), 100 * variant.path("accuracyLow95").asDouble(), 100 * variant.path("accuracyHigh95").asDouble()));
        assertThat(panel.getText()).contains("champion", "AUC " + String.format("%.3f",
                models.path("curves").get(0).path("auc").asDouble()));
        screenshot(panel, "models");

        panel = browser.findElement(By.id("drift"));
        JsonNode drift = json(get("/v1/admin/dashboard/drift", adminKey));
        assertThat(drift.path("dates")).hasSize(3);
        int measured = 0;
        for (JsonNode ignored : drift.path("dates").get(2).path("psi")) {
            measured++;
        }
        assertThat(panel.findElements(By.cssSelector("rect.bar"))).hasSize(Math.min(12, measured));
        assertThat(panel.getText()).contains("largest of " + measured);
        assertThat(panel.findElements(By.cssSelector("path.series"))).hasSize(2);
        assertThat(panel.findElements(By.cssSelector("line.threshold"))).hasSize(3);
        screenshot(panel, "drift");

        panel = browser.findElement(By.id("cache"));
        assertThat(panel.findElements(By.cssSelector("rect.bar"))).hasSize(2);
        assertThat(panel.getText()).contains("hot", "warm", "tracks", "of 512.0 MiB");
        assertThat(panel.findElements(By.cssSelector("path.series"))).hasSize(4);
        assertThat(panel.getText()).contains("setlist-plan", "lru", "lfu", "belady");
        screenshot(panel, "cache");

        panel = browser.findElement(By.id("queues"));
        assertThat(panel.getText()).contains("setlist.prediction-requests")
                .contains("setlist.prediction-requests.dead").contains("messages waiting");
        screenshot(panel, "queues");
    }

    @Test
    @Order(4)
    void theExplorerAnswersARealUserAndExplainsARecommendation() throws Exception {
        openSignedIn(1280, 800);
        WebElement input = browser.findElement(By.id("user"));
        input.sendKeys(neighboursUser);
        browser.findElement(By.cssSelector("#explore button[type=submit]")).click();
        waitFor(() -> browser.findElements(By.cssSelector("#explorer table.recs tbody tr")).size() == 10);
        WebElement panel = browser.findElement(By.id("explorer"));
        assertThat(panel.getText()).contains(neighboursUser, "source: neighbours");
        JsonNode recs = json(get("/v1/users/" + neighboursUser + "/recommendations?limit=10", readKey));
        assertThat(panel.getText()).contains(recs.path("items").get(0).path("name").asText());
        panel.findElements(By.cssSelector("button.why-button")).get(0).click();
        waitFor(() -> "ready".equals(browser.findElement(By.cssSelector("#explorer .why")).getAttribute("data-state")));
        WebElement why = browser.findElement(By.cssSelector("#explorer .why"));
        assertThat(why.findElements(By.cssSelector("rect.bar"))).isNotEmpty();
        JsonNode explained = json(get("/v1/admin/dashboard/explain?user=" + neighboursUser + "&artist="
                + recs.path("items").get(0).path("artistId").asText(), adminKey));
        assertThat(why.getText()).contains(explained.path("neighbours").get(0).path("userId").asText());
        // The contributions add up to the score the run published for the artist.
        assertThat(explained.path("score").asDouble()).isCloseTo(recs.path("items").get(0).path("score").asDouble(),
                org.assertj.core.api.Assertions.within(1e-3));
        screenshot(panel, "explorer");

        browser.findElement(By.id("user")).clear();
        browser.findElement(By.id("user")).sendKeys("no-such-user");
        browser.findElement(By.cssSelector("#explore button[type=submit]")).click();
        waitFor(() -> browser.findElement(By.id("explorer")).getText().contains("No recommendations for user"));
    }

    @Test
    @Order(5)
    void readableAtPhoneWidth() throws Exception {
        openSignedIn(390, 844);
        Number overflow = (Number) script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        for (WebElement chart : browser.findElements(By.cssSelector("#panels svg[role=img]"))) {
            assertThat(chart.getSize().getWidth()).isLessThanOrEqualTo(390);
        }
        assertThat(browser.findElements(By.cssSelector("#panels path.series"))).hasSizeGreaterThan(5);
        screenshot(null, "phone-390");
        screenshot(browser.findElement(By.id("retention")), "phone-retention");
        screenshot(browser.findElement(By.id("models")), "phone-models");
    }

    // ---------- fixtures ----------

    /** A stored replay as `eval cache --store` writes it: four policies, hit rate rising with capacity. */
    private static void storeCacheReplay() {
        List<StoredCacheEvaluations.Point> points = new ArrayList<>();
        double[] shares = {0.01, 0.02, 0.05, 0.1, 0.2, 0.4};
        String[] policies = {"setlist-plan", "lru", "lfu", "belady"};
        double[] strength = {0.9, 0.6, 0.7, 1.1};
        long workingSet = 8L << 30;
        for (int p = 0; p < policies.length; p++) {
            for (double share : shares) {
                double rate = Math.min(0.98, strength[p] * Math.sqrt(share));
                points.add(new StoredCacheEvaluations.Point(policies[p], share, (long) (share * workingSet), 120_000,
                        rate, Math.min(0.99, rate * 1.05)));
            }
        }
        Instant to = LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        new StoredCacheEvaluations(backends.warehouse()).store("generated:dashboard-test", to.minus(Duration.ofDays(14)),
                to, 120_000, 70_000, workingSet, points);
    }

    /** Serves predictions for real plays of the last day under the A/B split, so the report has outcomes. */
    private static void servePredictionsForTheLastDay() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        try (Connection c = backends.warehouse().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT u.user_key, t.track_key, e.ts FROM events e "
                     + "JOIN users u USING (user_id) JOIN tracks t USING (track_id) WHERE e.event_name = 'PLAY' "
                     + "AND e.ts >= ? ORDER BY e.ts, u.user_key LIMIT 400")) {
            s.setObject(1, LAST_DAY.atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batch.addObject().put("userId", rs.getString(1)).put("trackId", rs.getString(2))
                            .put("timestamp", rs.getObject(3, java.time.OffsetDateTime.class).toString());
                }
            }
        }
        assertThat(batch.size()).isGreaterThan(50);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/predictions"))
                .header("Authorization", "Bearer " + readKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String firstUserWithNeighbourRecommendations() throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.user_key FROM recommendations r JOIN users u USING (user_id) "
                     + "WHERE r.rank = 1 AND r.source = 'neighbours' AND r.business_date = '" + LAST_DAY + "' "
                     + "ORDER BY u.user_key LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    // ---------- browser helpers ----------

    private static void openSignedIn(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(base + "/dashboard");
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        signIn(adminKey);
        waitFor(() -> browser.findElements(By.cssSelector("#panels section.panel")).stream()
                .filter(p -> !p.getAttribute("id").equals("explorer"))
                .allMatch(p -> "ready".equals(p.getAttribute("data-state"))));
        assertThat(browser.getCurrentUrl()).doesNotContain(adminKey);
        // The window is now this size: let the debounced redraw of a resize settle before measuring.
        script("window.dispatchEvent(new Event('resize'))");
        sleep(400);
    }

    private static void signIn(String key) {
        WebElement input = browser.findElement(By.id("key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> condition.getAsBoolean());
    }

    /** The viewport, or a whole element even when it is taller than the viewport (Chrome DevTools capture). */
    private static void screenshot(WebElement element, String name) throws Exception {
        Path target = SHOTS.resolve(name + ".png");
        if (element == null) {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + "return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};",
                element);
        Map<String, Object> clip = new java.util.HashMap<>(box);
        clip.put("scale", 1);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
