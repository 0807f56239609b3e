package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.dashboard.DashboardSettings;
import io.setlist.scheduler.dashboard.RecommendationExplainer;

import java.util.Map;

/**
 * Everything the operations dashboard adds to the API in one place: its routes, their scopes and their OpenAPI
 * entries. The page and its two assets are public (they carry no data); every JSON route behind a panel is admin.
 */
final class DashboardRoutes {
    static final Map<String, Scope> SCOPES = Map.of(
            "GET " + DashboardRunsEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardRetentionEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardModelsEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardDriftEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardCacheEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardExplainEndpoint.PATH, Scope.ADMIN,
            "GET " + DashboardQueuesEndpoint.PATH, Scope.ADMIN);

    private DashboardRoutes() {
    }

    /** The page and its assets: served without a key. */
    static boolean isPage(String pathTemplate) {
        return pathTemplate.equals(DashboardPage.PAGE) || pathTemplate.equals(DashboardPage.ASSET);
    }

    static void register(RoutesConfig routes, ApiServer.Operations operations, CurrentRunView current) {
        DashboardSettings settings = operations.dashboard();
        DashboardPage page = new DashboardPage();
        routes.get(DashboardPage.PAGE, page);
        routes.get(DashboardPage.ASSET, page);
        routes.get(DashboardRunsEndpoint.PATH, new DashboardRunsEndpoint(operations.ledger(), operations.jobs(),
                current, operations.maxRunAge()));
        routes.get(DashboardRetentionEndpoint.PATH, new DashboardRetentionEndpoint(operations.warehouse()));
        routes.get(DashboardModelsEndpoint.PATH, new DashboardModelsEndpoint(operations.warehouse()));
        routes.get(DashboardDriftEndpoint.PATH, new DashboardDriftEndpoint(operations.warehouse()));
        routes.get(DashboardCacheEndpoint.PATH, new DashboardCacheEndpoint(operations.warehouse(), settings));
        routes.get(DashboardExplainEndpoint.PATH, new DashboardExplainEndpoint(
                new RecommendationExplainer(operations.warehouse(), settings.recommender())));
        routes.get(DashboardQueuesEndpoint.PATH, new DashboardQueuesEndpoint());
    }

    static void describe(ObjectNode paths) {
        for (String path : new String[]{DashboardPage.PAGE, DashboardPage.ASSET}) {
            ObjectNode op = OpenApiDocument.get(paths, path, null, path.equals(DashboardPage.PAGE)
                    ? "The operations dashboard (HTML; asks for an admin key, kept in sessionStorage only)"
                    : "The dashboard's script (dashboard.js) and style sheet (dashboard.css)", null, false);
            ((ObjectNode) op.get("responses").get("200")).putObject("content")
                    .putObject(path.equals(DashboardPage.PAGE) ? "text/html" : "text/javascript")
                    .putObject("schema").put("type", "string");
            if (path.equals(DashboardPage.ASSET)) {
                OpenApiDocument.pathParam(op, "file", "dashboard.js or dashboard.css");
                OpenApiDocument.errors(op, 404);
            }
            OpenApiDocument.errors(op, 400);
        }
        ObjectNode runs = admin(paths, DashboardRunsEndpoint.PATH, "Runs panel: the ledger of the last N business "
                + "dates × stages (status, seconds, rows, retries, errors) and the published run's age against "
                + "SETLIST_MAX_RUN_AGE_HOURS");
        OpenApiDocument.intQuery(runs, "days", 1, DashboardRunsEndpoint.MAX_DAYS, DashboardRunsEndpoint.DEFAULT_DAYS);
        ObjectNode retention = admin(paths, DashboardRetentionEndpoint.PATH, "Retention panel: the newest 30 day or "
                + "12 week cohorts, classic and rolling rates per period, and how many periods are observed");
        OpenApiDocument.enumQuery(retention, "by", "day", "week");
        admin(paths, DashboardModelsEndpoint.PATH, "Completion model panel: versions, metrics, changelog, champion; "
                + "calibration and ROC of the champion and the newest challenger; the A/B report");
        ObjectNode drift = admin(paths, DashboardDriftEndpoint.PATH, "Drift panel: PSI per feature, max PSI and the "
                + "new-vs-old AUC of the completion stage's last N dates, with the alert lines");
        OpenApiDocument.intQuery(drift, "days", 1, 120, 30);
        admin(paths, DashboardCacheEndpoint.PATH, "Cache panel: each tier's planned bytes against its capacity and "
                + "the newest stored cache replay (hit rate by capacity per policy)");
        ObjectNode explain = admin(paths, DashboardExplainEndpoint.PATH, "Recommendations explorer: the neighbours "
                + "whose plays of an artist contributed most to its score for a user");
        stringQuery(explain, "user", true);
        stringQuery(explain, "artist", true);
        OpenApiDocument.intQuery(explain, "top", 1, 50, 10);
        OpenApiDocument.errors(explain, 404);
        admin(paths, DashboardQueuesEndpoint.PATH, "Queues panel: prediction queues (none configured yet)");
    }

    private static ObjectNode admin(ObjectNode paths, String path, String summary) {
        ObjectNode op = OpenApiDocument.get(paths, path, Scope.ADMIN, summary, null, false);
        ((ObjectNode) op.get("responses").get("200")).putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object");
        OpenApiDocument.errors(op, 400);
        return op;
    }

    private static void stringQuery(ObjectNode op, String name, boolean required) {
        ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "query").put("required", required)
                .putObject("schema").put("type", "string");
    }
}
