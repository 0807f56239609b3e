package io.setlist.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.RateLimiter;
import io.setlist.scheduler.config.ApiSettings;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLTransientConnectionException;
import java.util.EnumSet;
import java.util.List;

/**
 * The read API: app servers fetch a user's recommendations, the cache tier its priority list. Each route is one
 * small class whose javadoc states its contract and whose {@code route()} declares it; {@link ApiRoutes} lists them
 * (see there for how to add one), and this class serves that list.
 *
 * <p>What every request gets, whatever its shape: {@link RequestGuard} (correlation id, method-override headers
 * ignored), then {@link ApiAuth} on a matched route (size, key, rate limit, scope). HEAD is served for every GET, as
 * the GET without a body. Every error is JSON of one shape ({@link ApiError}): a method no route serves on a path is
 * 405 with {@code Allow}, an unknown path 404, Jetty's own refusals (malformed request line, oversized headers, bad
 * path encoding) come from {@link JsonErrorPages}, a warehouse too busy to lend the API a connection is 503
 * {@code busy} with {@code Retry-After}; anything unforeseen is a 500 {@code internal} whose stack trace goes to the
 * log under the correlation id, never to the client.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** How often the pointer is re-read: a flipped run is served this long plus its load time after the flip. */
    static final long POINTER_REFRESH_MILLIS = 1_000;
    /** Set once an error body is written, so the status-mapped error pages do not write a second one. */
    private static final String ERROR_WRITTEN = "setlist.errorWritten";

    private final Javalin app;
    private final ApiMetrics metrics;
    private final RouteScopes scopes;
    private final RunServing serving;

    private ApiServer(Javalin app, ApiMetrics metrics, RouteScopes scopes, RunServing serving) {
        this.app = app;
        this.metrics = metrics;
        this.scopes = scopes;
        this.serving = serving;
    }

    /** Starts serving every route of {@link ApiRoutes} on {@code host}:{@code port} (0 picks a free port). */
    public static ApiServer start(PublishedRuns runs, ApiKeys keys, ApiSettings settings, RouteServices services,
                                  String host, int port) {
        ApiMetrics metrics = new ApiMetrics();
        RunCache cache = new RunCache(runs, settings.cacheMiB() * 1024L * 1024L, metrics.registry());
        RunServing current = RunServing.start(runs, cache, settings.snapshotMiB() * 1024L * 1024L,
                POINTER_REFRESH_MILLIS, metrics.registry());
        try {
            List<Route> routes = ApiRoutes.declare(current, metrics, services);
            RouteScopes scopes = new RouteScopes(routes);
            metrics.knowRoutes(routes);
            services.async().bindMetrics(metrics.registry());
            ApiAuth auth = new ApiAuth(keys, new RateLimiter(settings.ratePerSecond(), settings.burst()), scopes);
            ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
            Javalin app = Javalin.create(config -> {
                config.jsonMapper(new JavalinJackson(mapper, false));
                config.startup.showJavalinBanner = false;
                config.http.maxRequestSize = ApiAuth.MAX_BODY_BYTES;
                config.http.prefer405over404 = true;
                config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(8 * 1024));
                config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
                config.jetty.modifyServletContextHandler(context -> {
                    context.setErrorHandler(new JsonErrorPages());
                    context.addFilter(new FilterHolder(new RequestGuard()), "/*", EnumSet.of(DispatcherType.REQUEST));
                });
                config.requestLogger.http(metrics::request);
                config.routes.beforeMatched(auth);
                for (Route route : routes) {
                    config.routes.addHttpHandler(route.method(), route.path(), route.handler());
                    if (route.method() == HandlerType.GET) {
                        // Jetty sends HEAD's headers and drops the body the GET handler writes.
                        config.routes.addHttpHandler(HandlerType.HEAD, route.path(), route.handler());
                    }
                }
                config.routes.exception(ApiError.class, (e, ctx) -> {
                    if (e.status() == 405) {
                        ctx.header("Allow", scopes.allowed(ctx.path()));
                    }
                    writeError(ctx, e);
                });
                config.routes.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx,
                        e.getStatus(), ApiError.codeFor(e.getStatus()), ApiError.messageFor(e.getStatus())));
                config.routes.exception(Exception.class, ApiServer::unforeseen);
                // Unmatched paths, wrong methods and Javalin's own refusals answer JSON too.
                config.routes.error(404, ctx -> writeErrorOnce(ctx, ApiError.notFound("no such route")));
                config.routes.error(405, ctx -> {
                    ctx.header("Allow", scopes.allowed(ctx.path()));
                    writeErrorOnce(ctx, ApiError.methodNotAllowed(ctx.req().getMethod(), scopes.allowed(ctx.path())));
                });
                for (int status : new int[]{400, 413, 414, 415, 431, 500, 501, 503}) {
                    config.routes.error(status, ctx -> {
                        if (ctx.attribute(ERROR_WRITTEN) == null) {
                            writeError(ctx, status, ApiError.codeFor(status), ApiError.messageFor(status));
                        }
                    });
                }
            }).start(host, port);
            return new ApiServer(app, metrics, scopes, current);
        } catch (RuntimeException e) {
            current.close();
            metrics.close();
            throw e;
        }
    }

    /** The request's id, as {@link RequestGuard} set it (and in the {@code X-Correlation-Id} header). */
    static String correlationId(Context ctx) {
        Object id = ctx.req().getAttribute(RequestGuard.CORRELATION_ATTRIBUTE);
        return id instanceof String s ? s : null;
    }

    private static void unforeseen(Exception e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                // The API's pool is spent: the scheduler's own connections are untouched; the client retries.
                LOG.warn("no warehouse connection for {} {} [{}]: {}", ctx.req().getMethod(), ctx.path(),
                        correlationId(ctx), t.getMessage());
                ctx.header("Retry-After", "1");
                writeError(ctx, ApiError.busy());
                return;
            }
            if (t instanceof IllegalCharsetNameException || t instanceof UnsupportedCharsetException) {
                writeError(ctx, 415, "unsupported_media_type", "unsupported charset in Content-Type");
                return;
            }
        }
        LOG.error("unhandled error on {} {} [{}]", ctx.req().getMethod(), Limit.truncate(ctx.path()),
                correlationId(ctx), e);
        writeError(ctx, 500, "internal", "internal error; the log has the details under correlationId "
                + correlationId(ctx));
    }

    /**
     * Answers {@code status} with a body of the route's own (/health/ready's 503 {@code NOT_READY} with its reason),
     * which the status-mapped error pages would otherwise replace with the generic error body.
     */
    static void answer(Context ctx, int status, Object body) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(body);
    }

    private static void writeErrorOnce(Context ctx, ApiError e) {
        if (ctx.attribute(ERROR_WRITTEN) == null) {
            writeError(ctx, e);
        }
    }

    private static void writeError(Context ctx, ApiError e) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(e.status()).json(e.body(correlationId(ctx)));
    }

    private static void writeError(Context ctx, int status, String code, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(new ApiError.Body(code, message, null, null, correlationId(ctx)));
    }

    public int port() {
        return app.port();
    }

    ApiMetrics metricsForTests() {
        return metrics;
    }

    /** The scope table derived from the routes, for tests. */
    RouteScopes scopes() {
        return scopes;
    }

    /** Every served route as {@code "METHOD /path/{template}"} (HEAD, served beside each GET, left out). */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map((ParsedEndpoint p) -> p.endpoint)
                .filter(e -> e.method.isHttpMethod() && e.method != HandlerType.HEAD)
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
