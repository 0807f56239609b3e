package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** /openapi.json describes exactly the routes Javalin serves, with the scopes {@link RouteScopes} enforces. */
class OpenApiDocumentTest {
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
    void theDocumentListsExactlyTheServedRoutesWithTheirScopesAndPathParameters() {
        HttpResponse<String> r = api.get("/openapi.json", api.readKey);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String route = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            documented.add(route);
            String[] parts = route.split(" ", 2);
            if (RouteScopes.isPublic(parts[1])) {
                assertThat(op.getValue().get("security")).as(route).isEmpty();
            } else {
                assertThat(op.getValue().get("x-required-scope").asText()).as(route)
                        .isEqualTo(api.server.scopes().required(parts[0], parts[1]).orElseThrow().label());
                assertThat(op.getValue().get("responses").has("401")).as(route).isTrue();
            }
            List<String> pathParams = new ArrayList<>();
            op.getValue().get("parameters").forEach(p -> {
                if (p.get("in").asText().equals("path")) {
                    pathParams.add(p.get("name").asText());
                }
            });
            List<String> templated = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(parts[1]);
            while (m.find()) {
                templated.add(m.group(1));
            }
            assertThat(pathParams).as(route).containsExactlyElementsOf(templated);
        }));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.routes());
    }
}
