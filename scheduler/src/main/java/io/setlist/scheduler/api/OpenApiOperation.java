package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of the OpenAPI document as a route describes it in its {@link Route#contract()}: parameters, body
 * and answers. Every method adds to the operation and returns it, so a contract reads as one chain.
 */
final class OpenApiOperation {
    private final ObjectNode op;

    OpenApiOperation(ObjectNode op) {
        this.op = op;
    }

    /** The 200 is a JSON object of the named schema of {@code components/schemas}. */
    OpenApiOperation returns(String schema) {
        ok().putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + schema);
        return this;
    }

    /** The 200 is some JSON object (described in the summary). */
    OpenApiOperation returnsObject() {
        ok().putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        return this;
    }

    /** The 200 is a file of one of these media types (a page, a script, a style sheet), not JSON. */
    OpenApiOperation returnsFile(String... mediaTypes) {
        ObjectNode content = ok().putObject("content");
        for (String type : mediaTypes) {
            content.putObject(type).putObject("schema").put("type", "string");
        }
        return this;
    }

    OpenApiOperation returnsText() {
        ok().putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
        return this;
    }

    /** The answer is 202 (queued), not 200. */
    OpenApiOperation accepted() {
        op.with("responses").remove("200");
        op.with("responses").putObject("202").put("description", "accepted").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        return this;
    }

    /** {@code ETag} is the run id; {@code If-None-Match} naming it gives 304. */
    OpenApiOperation conditional() {
        ok().putObject("headers").putObject("ETag").put("description", "the run id")
                .putObject("schema").put("type", "string");
        parameters().addObject().put("name", "If-None-Match").put("in", "header").put("required", false)
                .putObject("schema").put("type", "string");
        op.with("responses").putObject("304").put("description", "not modified: still the same run");
        return this;
    }

    /** A JSON request body (optional unless {@code required}). */
    OpenApiOperation jsonBody(boolean required) {
        op.putObject("requestBody").put("required", required).putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object");
        return this;
    }

    OpenApiOperation pathParam(String name, String description) {
        parameters().addObject().put("name", name).put("in", "path").put("required", true)
                .put("description", description).putObject("schema").put("type", "string");
        return this;
    }

    OpenApiOperation intQuery(String name, int min, int max, int dflt) {
        parameters().addObject().put("name", name).put("in", "query").put("required", false)
                .putObject("schema").put("type", "integer").put("minimum", min).put("maximum", max)
                .put("default", dflt);
        return this;
    }

    OpenApiOperation stringQuery(String name) {
        parameters().addObject().put("name", name).put("in", "query").put("required", false)
                .putObject("schema").put("type", "string");
        return this;
    }

    /** A query parameter the route cannot answer without (400 naming it when absent). */
    OpenApiOperation requiredStringQuery(String name) {
        parameters().addObject().put("name", name).put("in", "query").put("required", true)
                .putObject("schema").put("type", "string");
        return this;
    }

    OpenApiOperation cursorQuery() {
        parameters().addObject().put("name", "cursor").put("in", "query").put("required", false)
                .put("description", "nextCursor of the previous page, unchanged")
                .putObject("schema").put("type", "string");
        return this;
    }

    OpenApiOperation dateQuery(String name, String description) {
        parameters().addObject().put("name", name).put("in", "query").put("required", true)
                .put("description", description).putObject("schema").put("type", "string").put("format", "date");
        return this;
    }

    OpenApiOperation enumQuery(String name, String... values) {
        ObjectNode schema = parameters().addObject().put("name", name).put("in", "query").put("required", false)
                .putObject("schema").put("type", "string");
        ArrayNode allowed = schema.putArray("enum");
        for (String v : values) {
            allowed.add(v);
        }
        return this;
    }

    /** Error answers, each the {@code Error} schema. */
    OpenApiOperation errors(int... statuses) {
        ObjectNode responses = op.with("responses");
        for (int status : statuses) {
            responses.putObject(Integer.toString(status)).put("description", describe(status))
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
        return this;
    }

    /** A non-error answer that is not JSON-described, e.g. the 503 of {@code /health/ready}. */
    OpenApiOperation answer(int status, String description) {
        op.with("responses").putObject(Integer.toString(status)).put("description", description);
        return this;
    }

    private ObjectNode ok() {
        return (ObjectNode) op.with("responses").get("200");
    }

    private ArrayNode parameters() {
        return (ArrayNode) op.get("parameters");
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "a parameter is malformed or unknown; 'parameter' names it";
            case 401 -> "missing, unknown or revoked API key";
            case 403 -> "the key's scope does not allow this route";
            case 404 -> "no such user, tier, model, job or route";
            case 405 -> "the method is not allowed on this path (see Allow)";
            case 409 -> "conflicts with the current state";
            case 410 -> "the cursor is from a run that is no longer current";
            case 413 -> "the request body or batch is too large";
            case 422 -> "well-formed, but more work than one request may cause";
            case 429 -> "the key's rate limit is exceeded (see Retry-After)";
            case 503 -> "no run has been published yet, this node runs without a scheduler, or the API's share of "
                    + "the warehouse is busy (see Retry-After)";
            default -> "error";
        };
    }
}
