package io.setlist.scheduler.api;

import io.setlist.scheduler.auth.Scope;

import java.util.Map;
import java.util.Optional;

/**
 * The scope every route needs, keyed by {@code "METHOD /path/{template}"} exactly as the route is registered.
 * A route without an entry is refused to every key (403): forgetting the entry fails closed, and a test checks
 * that every served route has one. Routes under {@link #PUBLIC_PREFIX} need no key.
 */
final class RouteScopes {
    static final String PUBLIC_PREFIX = "/health/";

    private static final Map<String, Scope> TABLE = Map.ofEntries(
            Map.entry("GET " + RecommendationsEndpoint.PATH, Scope.READ),
            Map.entry("GET " + CachePrioritiesEndpoint.PATH, Scope.READ),
            Map.entry("GET " + CurrentRunEndpoint.PATH, Scope.ADMIN),
            Map.entry("GET " + OpenApiEndpoint.PATH, Scope.READ),
            Map.entry("GET " + MetricsEndpoint.PATH, Scope.READ),
            Map.entry("GET " + RetentionEndpoint.PATH, Scope.READ),
            Map.entry("GET " + ModelsEndpoint.PATH, Scope.READ),
            Map.entry("POST " + ModelPredictionsEndpoint.PATH, Scope.READ),
            Map.entry("POST " + PredictionsEndpoint.PATH, Scope.READ),
            Map.entry("POST " + PredictionRequestsEndpoint.PATH, Scope.READ),
            Map.entry("GET " + PredictionRequestsEndpoint.ITEM_PATH, Scope.READ),
            Map.entry("GET " + AdminRunsEndpoint.PATH, Scope.ADMIN),
            Map.entry("POST " + AdminTriggerEndpoint.PATH, Scope.ADMIN));

    private RouteScopes() {
    }

    static Optional<Scope> required(String method, String pathTemplate) {
        return Optional.ofNullable(TABLE.get(method + " " + pathTemplate));
    }

    static boolean isPublic(String path) {
        return path.startsWith(PUBLIC_PREFIX);
    }
}
