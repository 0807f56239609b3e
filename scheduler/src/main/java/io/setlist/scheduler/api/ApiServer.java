package io.setlist.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.models.CompletionPredictions;
import io.setlist.sql.models.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The read API: app servers fetch a user's recommendations, the cache tier its priority list. Each route is one
 * small class whose javadoc states its contract; every error is JSON and no stack trace ever leaves the process.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving on {@code host}:{@code port} (0 picks a free port). */
    public static ApiServer start(PublishedRuns runs, Operations operations, String host, int port) {
        CurrentRunView current = new CurrentRunView(runs, 1_000);
        HealthEndpoints health = new HealthEndpoints(current, operations.maxRunAge());
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.startup.showJavalinBanner = false;
            config.routes.get(RecommendationsEndpoint.PATH, new RecommendationsEndpoint(current));
            config.routes.get(CachePrioritiesEndpoint.PATH, new CachePrioritiesEndpoint(current));
            if (operations.models() != null) {
                config.routes.get(ModelsEndpoint.PATH, new ModelsEndpoint(operations.models()));
            }
            config.routes.get(RetentionEndpoint.PATH, new RetentionEndpoint(operations.warehouse()));
            if (operations.predictions() != null) {
                config.routes.post(ModelPredictionsEndpoint.PATH, new ModelPredictionsEndpoint(operations.predictions()));
                config.routes.post(PredictionsEndpoint.PATH, new PredictionsEndpoint(operations.predictions()));
            }
            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            config.routes.get(AdminRunsEndpoint.PATH, new AdminRunsEndpoint(operations.ledger(), operations.jobs()));
            config.routes.post(AdminTriggerEndpoint.PATH,
                    new AdminTriggerEndpoint(operations.scheduler(), operations.jobs()));
            config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError.Body("internal", "internal error", null));
            });
            // Unmatched routes (and wrong methods) answer JSON too; errors our endpoints raised already are JSON.
            config.routes.error(HttpStatus.NOT_FOUND, ctx -> jsonUnlessAlready(ctx, "not_found",
                    "no route " + ctx.method() + " " + ctx.path()));
            config.routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> jsonUnlessAlready(ctx, "method_not_allowed",
                    "method " + ctx.method() + " is not allowed on " + ctx.path()));
        }).start(host, port);
        return new ApiServer(app);
    }

    /**
     * What the warehouse and operations routes need: the warehouse (retention), the run ledger, the pipeline's
     * jobs, the scheduler (null when this node runs without one), the age after which the published run counts as
     * stale, the model registry (null leaves out /v1/models) and the prediction service (null leaves out the
     * prediction routes).
     */
    public record Operations(DataSource warehouse, io.setlist.sql.runs.RunLedger ledger, java.util.List<String> jobs,
                             io.setlist.scheduler.jobs.ClusteredScheduler scheduler, java.time.Duration maxRunAge,
                             ModelRegistry models, CompletionPredictions predictions) {
        public Operations(DataSource warehouse, io.setlist.sql.runs.RunLedger ledger, java.util.List<String> jobs,
                          io.setlist.scheduler.jobs.ClusteredScheduler scheduler, java.time.Duration maxRunAge,
                          ModelRegistry models) {
            this(warehouse, ledger, jobs, scheduler, maxRunAge, models, null);
        }
    }

    private static void jsonUnlessAlready(io.javalin.http.Context ctx, String code, String message) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/json")) {
            ctx.json(new ApiError.Body(code, message, null));
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
