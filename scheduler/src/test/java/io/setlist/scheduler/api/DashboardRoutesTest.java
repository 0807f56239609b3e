package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's JSON routes on an empty warehouse (nothing run, nothing trained, nothing stored): every panel
 * answers 200 with empty data and says what is missing, bad parameters get a 400 naming them, and no shape of
 * request gets a 500. The browser test covers the full warehouse.
 */
class DashboardRoutesTest {
    @TempDir
    static Path home;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, ApiFixture.unlimited());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private JsonNode ok(String path) {
        HttpResponse<String> r = api.get(path, api.adminKey);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void anEmptyWarehouseGivesEmptyPanelsThatSayWhatIsMissing() {
        JsonNode runs = ok("/v1/admin/dashboard/runs");
        assertThat(runs.path("dates")).isEmpty();
        assertThat(runs.has("current")).isFalse();
        assertThat(runs.path("maxRunAgeHours").asDouble()).isEqualTo(36.0);
        assertThat(ok("/v1/admin/dashboard/retention?by=week").path("cohorts")).isEmpty();
        JsonNode models = ok("/v1/admin/dashboard/models");
        assertThat(models.path("versions")).isEmpty();
        assertThat(models.path("curves")).isEmpty();
        assertThat(models.path("ab")).isEmpty();
        assertThat(ok("/v1/admin/dashboard/drift").path("dates")).isEmpty();
        JsonNode cache = ok("/v1/admin/dashboard/cache");
        assertThat(cache.has("evaluation")).isFalse();
        assertThat(cache.path("note").asText()).contains("eval cache");
        assertThat(cache.path("tiers")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.path("capacityBytes").asLong()).isPositive();
            assertThat(t.path("usedBytes").asLong()).isZero();
        });
        JsonNode queues = ok("/v1/admin/dashboard/queues");
        assertThat(queues.path("configured").asBoolean()).isFalse();
        assertThat(queues.path("message").asText()).isEqualTo("no prediction queue configured");
    }

    @Test
    void badParametersAreNamedAndNothingGetsA500() {
        String[][] cases = {
                {"/v1/admin/dashboard/runs?days=0", "days"},
                {"/v1/admin/dashboard/runs?days=61", "days"},
                {"/v1/admin/dashboard/runs?days=x", "days"},
                {"/v1/admin/dashboard/runs?limit=5", "limit"},
                {"/v1/admin/dashboard/retention?by=month", "by"},
                {"/v1/admin/dashboard/drift?days=-1", "days"},
                {"/v1/admin/dashboard/cache?x=1", "x"},
                {"/v1/admin/dashboard/explain?artist=a1", "user"},
                {"/v1/admin/dashboard/explain?user=u1", "artist"},
                {"/v1/admin/dashboard/explain?user=u1&artist=a1&top=51", "top"},
                {"/v1/admin/dashboard/explain?user=%01&artist=a1", "user"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = api.get(c[0], api.adminKey);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(r).path("parameter").asText()).as(c[0]).isEqualTo(c[1]);
        }
        HttpResponse<String> unknown = api.get("/v1/admin/dashboard/explain?user=nobody&artist=%E2%9C%93", api.adminKey);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.get("/dashboard/assets/..%2F..%2Fetc%2Fpasswd", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/dashboard/assets/index.html", null).statusCode()).isEqualTo(404);
    }

    @Test
    void thePageAndItsAssetsAreServedWithAStrictContentSecurityPolicy() {
        for (String path : new String[]{"/dashboard", "/dashboard/assets/dashboard.js", "/dashboard/assets/dashboard.css"}) {
            HttpResponse<String> r = api.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(DashboardPage.POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(api.get("/dashboard/assets/dashboard.js", null).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        // Data reaches the page as text only: the script never parses markup.
        assertThat(api.get("/dashboard/assets/dashboard.js", null).body()).doesNotContain("innerHTML", "eval(",
                "document.write");
    }
}
