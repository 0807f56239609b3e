package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Error answers carry a stable code, a short message and the correlation id; never internals. */
class ErrorBodiesTest {
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

    @Test
    void aFailedRunShowsItsErrorTypeButNeverTheMessage() {
        RunLedger ledger = new RunLedger(api.backends.warehouse());
        LocalDate day = LocalDate.parse("2026-10-05");
        ledger.begin("retention", day, "run-1", "node-a", false);
        ledger.fail("retention", day, "run-1", "IllegalStateException: cannot run SELECT * FROM events_p202610 "
                + "(/home/setlist/.setlist/postgres/data/base/16384: Permission denied)");
        HttpResponse<String> r = api.get("/v1/admin/runs?job=retention", api.adminKey);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode run = json(r).get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("error").asText()).isEqualTo("IllegalStateException");
        assertThat(r.body()).doesNotContain("SELECT").doesNotContain("/home/").doesNotContain("Permission");
    }

    @Test
    void datesOutsideTheDocumentedRangeAre400NamingTheParameter() {
        for (String[] c : List.of(new String[]{"from=+200000-01-01&to=+200000-01-02", "from"},
                new String[]{"from=2020-01-01&to=+10000-01-01", "to"},
                new String[]{"from=-4714-11-24&to=2020-01-01", "from"},
                new String[]{"from=1969-12-31&to=1970-01-01", "from"})) {
            HttpResponse<String> r = api.get("/v1/retention?" + c[0], api.readKey);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(r).get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("/v1/retention?from=9999-12-01&to=9999-12-31", api.readKey).statusCode()).isEqualTo(200);
    }

    @Test
    void everyErrorCarriesTheCorrelationIdOfItsAnswerAndACallersIdIsKept() {
        HttpResponse<String> r = api.get("/v1/users/nobody/recommendations", api.readKey);
        String header = r.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(json(r).get("correlationId").asText()).isEqualTo(header);
        HttpResponse<String> mine = api.get("/v1/nothing", api.readKey, "X-Correlation-Id", "checkout-42.abc");
        assertThat(mine.headers().firstValue("X-Correlation-Id")).hasValue("checkout-42.abc");
        assertThat(json(mine).get("correlationId").asText()).isEqualTo("checkout-42.abc");
        HttpResponse<String> unsafe = api.get("/v1/nothing", api.readKey, "X-Correlation-Id", "short");
        assertThat(unsafe.headers().firstValue("X-Correlation-Id").orElseThrow()).isNotEqualTo("short").hasSize(16);
    }

    @Test
    void echoedInputIsTruncated() {
        HttpResponse<String> r = api.get("/v1/retention?from=" + "9".repeat(500) + "&to=2020-01-01", api.readKey);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("9".repeat(41));
    }
}
