package io.setlist.scheduler.api;

import io.setlist.scheduler.dashboard.RecommendationExplainer;
import io.setlist.sql.models.ModelRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the API, in one list. Each endpoint class declares its own {@link Route} (method, path, scope,
 * summary, OpenAPI contract) next to its handler; the server, the scope table and {@code /openapi.json} all derive
 * from this list, so <b>adding a route</b> is: write the endpoint class with its {@code route()} (contract in the
 * javadoc, as {@link RecommendationsEndpoint}), then add one line below. Nothing else to edit: a protected route
 * gets authentication, the rate limit, its scope check, HEAD (for a GET), metrics and its OpenAPI entry from here.
 */
final class ApiRoutes {
    private ApiRoutes() {
    }

    static List<Route> declare(RunServing current, ApiMetrics metrics, RouteServices services) {
        List<Route> routes = new ArrayList<>();
        routes.add(new RecommendationsEndpoint(current).route());
        routes.add(new CachePrioritiesEndpoint(current).route());
        routes.add(new CurrentRunEndpoint(current).route());
        routes.add(new OpenApiEndpoint(() -> routes).route());
        routes.add(new MetricsEndpoint(metrics).route());
        routes.add(new RetentionEndpoint(services.warehouse()).route());
        routes.add(new ModelsEndpoint(new ModelRegistry(services.warehouse())).route());
        routes.add(new ModelPredictionsEndpoint(services.predictions()).route());
        routes.add(new PredictionsEndpoint(services.predictions()).route());
        routes.addAll(new PredictionRequestsEndpoint(services.async()).routes());
        routes.add(new AdminRunsEndpoint(services.ledger(), services.jobs()).route());
        routes.add(new AdminTriggerEndpoint(services.scheduler().orElse(null), services.jobs(), services.ledger(),
                services.clock()).route());
        routes.addAll(new DashboardPage().routes());
        routes.add(new DashboardRunsEndpoint(services.ledger(), services.jobs(), current, services.maxRunAge()).route());
        routes.add(new DashboardRetentionEndpoint(services.warehouse()).route());
        routes.add(new DashboardModelsEndpoint(services.warehouse()).route());
        routes.add(new DashboardDriftEndpoint(services.warehouse()).route());
        routes.add(new DashboardCacheEndpoint(services.warehouse(), services.dashboard()).route());
        routes.add(new DashboardExplainEndpoint(new RecommendationExplainer(services.warehouse(),
                services.dashboard().recommender())).route());
        routes.add(new DashboardQueuesEndpoint(services.async()).route());
        routes.addAll(new HealthEndpoints(current, services.maxRunAge(), services.ledger(), services.async(),
                services.features())
                .routes());
        return List.copyOf(routes);
    }
}
