package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.0 description of the API, derived from the declared {@link Route}s: each route's operation gets its
 * summary, scope ({@code x-required-scope}), security and the answers every protected route shares; the route's own
 * {@link Route#contract()} adds the rest. The shared schemas are here. {@code OpenApiDocumentTest} compares the
 * document with the routes Javalin actually serves.
 */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    static ObjectNode build(List<Route> routes) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Setlist read API").put("version", "1")
                .put("description", "Recommendations and cache-priority lists of the current published run. Every "
                        + "route but /health/* needs 'Authorization: Bearer <key>' (./setlist keys create). Every "
                        + "answer carries X-Correlation-Id; errors are {error, message, parameter?, index?, "
                        + "correlationId}, and the log has the details under that id.");
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode error = object(Map.of("error", "string", "message", "string", "parameter", "string",
                "correlationId", "string"));
        ((ObjectNode) error.get("properties")).putObject("index").put("type", "integer");
        schemas.set("Error", error);
        ObjectNode recs = object(Map.of("userId", "string", "runId", "string", "businessDate", "string",
                "generatedAt", "string", "source", "string", "nextCursor", "string"));
        ((ObjectNode) recs.get("properties")).set("items", arrayOf(object(Map.of("rank", "integer",
                "artistId", "string", "name", "string", "score", "number"))));
        schemas.set("Recommendations", recs);
        ObjectNode cache = object(Map.of("tier", "string", "runId", "string", "businessDate", "string",
                "generatedAt", "string", "nextCursor", "string"));
        ((ObjectNode) cache.get("properties")).set("items", arrayOf(object(Map.of("rank", "integer",
                "trackId", "string", "probability", "number", "priority", "number"))));
        schemas.set("CachePriorities", cache);
        ObjectNode run = object(Map.of("runId", "string", "businessDate", "string", "generatedAt", "string",
                "users", "integer"));
        ((ObjectNode) run.get("properties")).set("tiers", arrayOf(JSON.createObjectNode().put("type", "string")));
        schemas.set("Run", run);
        ObjectNode health = object(Map.of("status", "string", "runId", "string", "businessDate", "string",
                "generatedAt", "string", "mode", "string", "reason", "string"));
        ((ObjectNode) health.get("properties")).set("skippedPublish", object(Map.of("businessDate", "string",
                "reason", "string")));
        schemas.set("Health", health);

        ObjectNode paths = doc.putObject("paths");
        for (Route route : routes) {
            ObjectNode op = (paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path()))
                    .putObject(route.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", route.summary());
            op.putArray("parameters");
            op.putObject("responses").putObject("200").put("description", "OK");
            OpenApiOperation operation = new OpenApiOperation(op);
            route.scope().ifPresentOrElse(scope -> {
                op.put("x-required-scope", scope.label());
                op.putArray("security").addObject().putArray("bearer");
                operation.errors(401, 403, 429);
            }, () -> op.putArray("security"));
            route.contract().accept(operation);
        }
        return doc;
    }

    private static ObjectNode object(Map<String, String> properties) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> props.putObject(e.getKey()).put("type", e.getValue()));
        return schema;
    }

    private static ObjectNode arrayOf(ObjectNode items) {
        ObjectNode schema = JSON.createObjectNode().put("type", "array");
        schema.set("items", items);
        return schema;
    }
}
