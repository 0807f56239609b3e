package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.setlist.scheduler.auth.Scope;

import java.util.Map;

/**
 * The OpenAPI 3.0 description of every route, built by hand. A route added to {@link ApiServer} needs an entry here
 * too: {@code OpenApiDocumentTest} compares this document with the routes Javalin actually serves, and the
 * {@code x-required-scope} of each operation with {@link RouteScopes}.
 */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    static ObjectNode build() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Setlist read API").put("version", "1")
                .put("description", "Recommendations and cache-priority lists of the current published run. Every "
                        + "route but /health/* needs 'Authorization: Bearer <key>' (./setlist keys create).");
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Error", object(Map.of("error", "string", "message", "string", "parameter", "string")));
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
        schemas.set("Health", object(Map.of("status", "string", "runId", "string", "businessDate", "string",
                "generatedAt", "string", "mode", "string", "reason", "string")));

        ObjectNode paths = doc.putObject("paths");
        ObjectNode r = get(paths, RecommendationsEndpoint.PATH, Scope.READ,
                "A user's ranked artists from the current run, paged", "Recommendations", true);
        pathParam(r, "userId", "1..128 printable characters");
        intQuery(r, "limit", 1, RecommendationsEndpoint.MAX_LIMIT, RecommendationsEndpoint.DEFAULT_LIMIT);
        cursorQuery(r);
        errors(r, 400, 404, 410, 503);

        ObjectNode c = get(paths, CachePrioritiesEndpoint.PATH, Scope.READ,
                "A cache tier's tracks in the order to keep them, paged", "CachePriorities", true);
        pathParam(c, "tier", "[a-z0-9-]{1,64}");
        intQuery(c, "limit", 1, CachePrioritiesEndpoint.MAX_LIMIT, CachePrioritiesEndpoint.DEFAULT_LIMIT);
        cursorQuery(c);
        errors(c, 400, 404, 410, 503);

        ObjectNode current = get(paths, CurrentRunEndpoint.PATH, Scope.ADMIN, "The run readers are served from",
                "Run", true);
        errors(current, 400, 503);

        ObjectNode openapi = get(paths, OpenApiEndpoint.PATH, Scope.READ, "This document", null, false);
        errors(openapi, 400);
        ObjectNode metrics = get(paths, MetricsEndpoint.PATH, Scope.READ, "Metrics in the Prometheus text format",
                null, false);
        ((ObjectNode) metrics.get("responses").get("200")).putObject("content").putObject("text/plain")
                .putObject("schema").put("type", "string");
        errors(metrics, 400);

        ObjectNode retention = get(paths, RetentionEndpoint.PATH, Scope.READ,
                "Cohort retention matrix from the rollups (classic and rolling)", null, false);
        dateQuery(retention, "from");
        dateQuery(retention, "to");
        enumQuery(retention, "by", "day", "week");
        errors(retention, 400);

        ObjectNode models = get(paths, ModelsEndpoint.PATH, Scope.READ,
                "Registered completion-model versions with metrics and the champion", null, false);
        errors(models, 400);

        ObjectNode scored = post(paths, ModelPredictionsEndpoint.PATH, Scope.READ,
                "P(played to the end) for a batch of {userId, trackId, timestamp}, by the model's champion");
        pathParam(scored, "name", "a registered model name, e.g. completion");
        errors(scored, 400, 404, 413);
        ObjectNode ab = post(paths, PredictionsEndpoint.PATH, Scope.READ,
                "The same, each user assigned to an A/B variant (SETLIST_AB_SPLIT)");
        errors(ab, 400, 404, 413);

        ObjectNode runs = get(paths, AdminRunsEndpoint.PATH, Scope.ADMIN, "The run ledger, newest first", null, false);
        ((ArrayNode) runs.get("parameters")).addObject().put("name", "job").put("in", "query").put("required", false)
                .putObject("schema").put("type", "string");
        intQuery(runs, "limit", 1, 500, 50);
        errors(runs, 400);
        ObjectNode trigger = post(paths, AdminTriggerEndpoint.PATH, Scope.ADMIN,
                "Queue a run of a job ({\"date\", \"force\"} optional) on whichever node is free; 202");
        pathParam(trigger, "job", "all, or one of the pipeline's jobs");
        errors(trigger, 400, 404, 503);

        for (String health : new String[]{"/health/live", "/health/ready"}) {
            ObjectNode h = get(paths, health, null, health.endsWith("live")
                    ? "200 while the process serves" : "200 with the served run (READY, or DEGRADED with a reason) once one "
                    + "is loaded, else 503 NOT_READY with a reason",
                    "Health", false);
            if (health.endsWith("ready")) {
                h.with("responses").putObject("503").put("description", "no run served yet: none published, or the first still loading");
            }
        }
        return doc;
    }

    private static ObjectNode get(ObjectNode paths, String path, Scope scope, String summary, String schema,
                                  boolean conditional) {
        ObjectNode op = paths.putObject(path).putObject("get");
        op.put("summary", summary);
        op.putArray("parameters");
        ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
        if (schema != null) {
            ok.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + schema);
        }
        if (scope == null) {
            op.putArray("security");
        } else {
            op.put("x-required-scope", scope.label());
            op.putArray("security").addObject().putArray("bearer");
            errors(op, 401, 403, 429);
        }
        if (conditional) {
            ok.putObject("headers").putObject("ETag").put("description", "the run id")
                    .putObject("schema").put("type", "string");
            ((ArrayNode) op.get("parameters")).addObject().put("name", "If-None-Match").put("in", "header")
                    .put("required", false).putObject("schema").put("type", "string");
            op.with("responses").putObject("304").put("description", "not modified: still the same run");
        }
        return op;
    }

    /** A POST with a JSON body; answers are JSON objects. */
    private static ObjectNode post(ObjectNode paths, String path, Scope scope, String summary) {
        ObjectNode op = paths.putObject(path).putObject("post");
        op.put("summary", summary);
        op.putArray("parameters");
        op.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object");
        op.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        op.put("x-required-scope", scope.label());
        op.putArray("security").addObject().putArray("bearer");
        errors(op, 401, 403, 429);
        return op;
    }

    private static void dateQuery(ObjectNode op, String name) {
        ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "query").put("required", true)
                .putObject("schema").put("type", "string").put("format", "date");
    }

    private static void enumQuery(ObjectNode op, String name, String... values) {
        ObjectNode schema = ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "query")
                .put("required", false).putObject("schema").put("type", "string");
        ArrayNode allowed = schema.putArray("enum");
        for (String v : values) {
            allowed.add(v);
        }
    }

    private static void pathParam(ObjectNode op, String name, String description) {
        ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "path").put("required", true)
                .put("description", description).putObject("schema").put("type", "string");
    }

    private static void intQuery(ObjectNode op, String name, int min, int max, int dflt) {
        ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "query").put("required", false)
                .putObject("schema").put("type", "integer").put("minimum", min).put("maximum", max)
                .put("default", dflt);
    }

    private static void cursorQuery(ObjectNode op) {
        ((ArrayNode) op.get("parameters")).addObject().put("name", "cursor").put("in", "query")
                .put("required", false).put("description", "nextCursor of the previous page, unchanged")
                .putObject("schema").put("type", "string");
    }

    private static void errors(ObjectNode op, int... statuses) {
        ObjectNode responses = op.with("responses");
        for (int status : statuses) {
            responses.putObject(Integer.toString(status)).put("description", describe(status))
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "a parameter is malformed or unknown; 'parameter' names it";
            case 401 -> "missing, unknown or revoked API key";
            case 403 -> "the key's scope does not allow this route";
            case 404 -> "no such user, tier, model, job or route";
            case 410 -> "the cursor is from a run that is no longer current";
            case 413 -> "the request body or batch is too large";
            case 429 -> "the key's rate limit is exceeded (see Retry-After)";
            case 503 -> "no run has been published yet, or this node runs without a scheduler";
            default -> "error";
        };
    }

    private static ObjectNode object(Map<String, String> properties) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> props.putObject(e.getKey()).put("type", e.getValue()));
        return schema;
    }

    private static ObjectNode arrayOf(ObjectNode items) {
        ObjectNode array = JSON.createObjectNode().put("type", "array");
        array.set("items", items);
        return array;
    }
}
