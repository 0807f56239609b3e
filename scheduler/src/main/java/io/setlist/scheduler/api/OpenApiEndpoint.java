package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Set;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of every route ({@link OpenApiDocument}). Scope
 * {@code read}; no parameters (any → 400 naming it).
 */
final class OpenApiEndpoint implements Handler {
    static final String PATH = "/openapi.json";

    private final String document = OpenApiDocument.build().toPrettyString();

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.contentType("application/json").result(document);
    }
}
