package io.setlist.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.models.CompletionPredictions;
import io.setlist.sql.models.ModelRegistry;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.RateLimiter;
import io.setlist.scheduler.config.ApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.List;

/**
 * The read API: app servers fetch a user's recommendations, the cache tier its priority list. Each route is one
 * small class whose javadoc states its contract; every error is JSON and no stack trace ever leaves the process.
 *
 * <p><b>Adding a route</b> (e.g. {@code /v1/retention}, {@code /v1/admin/...}): register it below with
 * {@code config.routes.get/post(PATH, handler)}, then add one entry {@code "METHOD PATH" → Scope} to
 * {@link RouteScopes} and describe it in {@link OpenApiDocument}. Authentication, the rate limit, the request size
 * limit and the scope check all happen in {@link ApiAuth}, one {@code beforeMatched} handler that every route
 * passes; a route with no {@link RouteScopes} entry answers 403 to every key (fail closed), and
 * {@code OpenApiDocumentTest} fails until both the table and the document know the route. {@code /health/*} is the
 * only path that needs no key.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** How often the pointer is re-read: a flipped run is served this long plus its load time after the flip. */
    static final long POINTER_REFRESH_MILLIS = 1_000;

    private final Javalin app;
    private final ApiMetrics metrics;
    private final RunServing serving;

    private ApiServer(Javalin app, ApiMetrics metrics, RunServing serving) {
        this.app = app;
        this.metrics = metrics;
        this.serving = serving;
    }

    /** Starts serving on {@code host}:{@code port} (0 picks a free port). */
    public static ApiServer start(PublishedRuns runs, ApiKeys keys, ApiSettings settings, Operations operations,
                                  String host, int port) {
        ApiMetrics metrics = new ApiMetrics();
        RunCache cache = new RunCache(runs, settings.cacheMiB() * 1024L * 1024L, metrics.registry());
        RunServing current = RunServing.start(runs, cache, settings.snapshotMiB() * 1024L * 1024L,
                POINTER_REFRESH_MILLIS, metrics.registry());
        HealthEndpoints health = new HealthEndpoints(current, operations.maxRunAge());
        ApiAuth auth = new ApiAuth(keys, new RateLimiter(settings.ratePerSecond(), settings.burst()));
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        try {
            Javalin app = Javalin.create(config -> {
                config.jsonMapper(new JavalinJackson(mapper, false));
                config.startup.showJavalinBanner = false;
                config.http.maxRequestSize = ApiAuth.MAX_BODY_BYTES;
                config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(8 * 1024));
                config.requestLogger.http(metrics::request);
                config.routes.beforeMatched(auth);
                config.routes.get(RecommendationsEndpoint.PATH, new RecommendationsEndpoint(current));
                config.routes.get(CachePrioritiesEndpoint.PATH, new CachePrioritiesEndpoint(current));
                config.routes.get(CurrentRunEndpoint.PATH, new CurrentRunEndpoint(current));
                config.routes.get(OpenApiEndpoint.PATH, new OpenApiEndpoint());
                config.routes.get(MetricsEndpoint.PATH, new MetricsEndpoint(metrics));
                config.routes.get(RetentionEndpoint.PATH, new RetentionEndpoint(operations.warehouse()));
                if (operations.models() != null) {
                    config.routes.get(ModelsEndpoint.PATH, new ModelsEndpoint(operations.models()));
                }
                if (operations.predictions() != null) {
                    config.routes.post(ModelPredictionsEndpoint.PATH,
                            new ModelPredictionsEndpoint(operations.predictions()));
                    config.routes.post(PredictionsEndpoint.PATH, new PredictionsEndpoint(operations.predictions()));
                }
                config.routes.get(AdminRunsEndpoint.PATH, new AdminRunsEndpoint(operations.ledger(), operations.jobs()));
                config.routes.post(AdminTriggerEndpoint.PATH,
                        new AdminTriggerEndpoint(operations.scheduler(), operations.jobs()));
                config.routes.get("/health/live", health::live);
                config.routes.get("/health/ready", health::ready);
                config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
                config.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(new ApiError.Body("internal", "internal error", null));
                });
                // Unmatched routes (and wrong methods) answer JSON too; errors our endpoints raised already are JSON.
                config.routes.error(HttpStatus.NOT_FOUND, ctx -> jsonUnlessAlready(ctx, "not_found",
                        "no route " + ctx.method() + " " + Limit.truncate(ctx.path())));
                config.routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> jsonUnlessAlready(ctx,
                        "method_not_allowed", "method " + ctx.method() + " is not allowed on "
                                + Limit.truncate(ctx.path())));
                config.routes.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> jsonUnlessAlready(ctx, "payload_too_large",
                        "request bodies are limited to " + ApiAuth.MAX_BODY_BYTES + " bytes"));
            }).start(host, port);
            return new ApiServer(app, metrics, current);
        } catch (RuntimeException e) {
            current.close();
            metrics.close();
            throw e;
        }
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

    /** Every served route as {@code "METHOD /path/{template}"}, for the OpenAPI and scope checks. */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map((ParsedEndpoint p) -> p.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path)
                .sorted()
                .toList();
    }

    /** The id of the run this node answers from, once one is loaded (tests wait on it after a publish). */
    java.util.Optional<String> servingRunId() {
        RunServing.State state = serving.state();
        return java.util.Optional.ofNullable(state.serving()).map(s -> s.run().runId());
    }

    @Override
    public void close() {
        app.stop();
        serving.close();
        metrics.close();
    }
}
