package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.RateLimiter;
import io.setlist.scheduler.auth.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The one before-handler every matched route passes: request size, {@code Authorization: Bearer <key>} (401),
 * the per-key rate limit (429), then the route's scope from {@link RouteScopes} (403). {@code /health/*} and the
 * dashboard's page and assets are open ({@link RouteScopes#isPublic}). It records the matched route's template
 * for the metrics: a label from the closed set of declared routes.
 */
final class ApiAuth implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuth.class);
    static final String ROUTE_ATTRIBUTE = "setlist.route";
    /** Room for a full prediction batch (1000 items are about 100 KB); nothing else takes a body. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final RouteScopes scopes;

    ApiAuth(ApiKeys keys, RateLimiter limiter, RouteScopes scopes) {
        this.keys = keys;
        this.limiter = limiter;
        this.scopes = scopes;
    }

    @Override
    public void handle(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        ctx.attribute(ROUTE_ATTRIBUTE, endpoint.path);
        if (RouteScopes.isPublic(endpoint.path)) {
            return;
        }
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            throw ApiError.tooLarge("request bodies are limited to " + MAX_BODY_BYTES + " bytes");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.unauthorized("missing 'Authorization: Bearer <key>' header");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.unauthorized("the Authorization header must be 'Bearer <key>'");
        }
        Optional<ApiKeys.Caller> found;
        try {
            found = keys.authenticate(header.substring(7).trim());
        } catch (RuntimeException e) {
            // Only before the first read of the keys: the warehouse is unreachable. Not the client's fault.
            LOG.warn("cannot check API keys [{}]: {}", ApiServer.correlationId(ctx), e.toString());
            ctx.header("Retry-After", "5");
            throw ApiError.unavailable("cannot check API keys right now; retry shortly");
        }
        ApiKeys.Caller caller = found.orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return ApiError.unauthorized("unknown or revoked API key");
        });
        if (!limiter.tryAcquire(caller.keyId())) {
            ctx.header("Retry-After", Long.toString(limiter.retryAfterSeconds()));
            throw ApiError.tooManyRequests("rate limit of key '" + caller.name() + "' exceeded; retry later");
        }
        Scope required = scopes.required(endpoint.method.name(), endpoint.path).orElseThrow(() ->
                ApiError.forbidden("route " + endpoint.method.name() + " " + endpoint.path + " has no scope configured"));
        if (!caller.scope().grants(required)) {
            throw ApiError.forbidden("key '" + caller.name() + "' has scope '" + caller.scope().label()
                    + "'; this route needs '" + required.label() + "'");
        }
    }
}
