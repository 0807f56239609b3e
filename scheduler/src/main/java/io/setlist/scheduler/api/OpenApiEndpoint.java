package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of every route ({@link OpenApiDocument}). Scope
 * {@code read}; no parameters (any → 400 naming it).
 */
final class OpenApiEndpoint implements Handler {
    static final String PATH = "/openapi.json";

    private final Supplier<List<Route>> routes;
    /** Built on first use: the route list holds this endpoint too, so it is complete only after construction. */
    private volatile String document;

    OpenApiEndpoint(Supplier<List<Route>> routes) {
        this.routes = routes;
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "This document", this, op -> op.returnsObject().errors(400));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        String doc = document;
        if (doc == null) {
            doc = OpenApiDocument.build(routes.get()).toPrettyString();
            document = doc;
        }
        ctx.contentType("application/json").result(doc);
    }
}
