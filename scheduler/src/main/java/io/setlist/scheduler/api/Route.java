package io.setlist.scheduler.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.setlist.scheduler.auth.Scope;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One route of the API, declared once by its endpoint class: method, path template, the scope a key needs
 * ({@link #open} routes need none), what it does, the handler, and the rest of its OpenAPI contract (parameters,
 * answers). {@link ApiServer} registers it with Javalin (and HEAD beside every GET), {@link RouteScopes} enforces its
 * scope and {@link OpenApiDocument} describes it: all three derive from the same list ({@link ApiRoutes}).
 *
 * @param scope    the scope a key needs, or empty for a route open to everyone (only {@code /health/*} and the
 *                 dashboard's page and assets: {@link RouteScopes#isPublic})
 * @param contract adds the route's parameters and answers to its OpenAPI operation; the summary, the 200, the
 *                 security requirement and the 401/403/429 of a protected route are added for it
 */
record Route(HandlerType method, String path, Optional<Scope> scope, String summary, Handler handler,
             Consumer<OpenApiOperation> contract) {
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(contract, "contract");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + path);
        }
        if (scope.isEmpty() != RouteScopes.isPublic(path)) {
            throw new IllegalArgumentException("only " + RouteScopes.PUBLIC_PREFIX + "* and the dashboard page ("
                    + RouteScopes.PAGE_PREFIX + ", " + RouteScopes.PAGE_PREFIX + "/*) are open, and they must be: "
                    + path);
        }
    }

    static Route get(String path, Scope scope, String summary, Handler handler, Consumer<OpenApiOperation> contract) {
        return new Route(HandlerType.GET, path, Optional.of(scope), summary, handler, contract);
    }

    static Route post(String path, Scope scope, String summary, Handler handler, Consumer<OpenApiOperation> contract) {
        return new Route(HandlerType.POST, path, Optional.of(scope), summary, handler, contract);
    }

    /** A GET anyone may call, without a key. */
    static Route open(String path, String summary, Handler handler, Consumer<OpenApiOperation> contract) {
        return new Route(HandlerType.GET, path, Optional.empty(), summary, handler, contract);
    }

    /** {@code "GET /v1/users/{userId}/recommendations"}: how routes are named in tests, logs and the scope table. */
    String key() {
        return method.name() + " " + path;
    }
}
