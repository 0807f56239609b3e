package io.setlist.scheduler.api;

import io.javalin.http.HandlerType;
import io.setlist.scheduler.auth.Scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scope every route needs, derived from the declared {@link Route}s and keyed by {@code "METHOD /path/{template}"}
 * exactly as the route is registered (HEAD as its GET). A route without an entry is refused to every key (403):
 * fail closed. Routes under {@link #PUBLIC_PREFIX} and the operations dashboard's page and assets
 * ({@link #PAGE_PREFIX}) need no key ({@link #isPublic}). Also answers which methods a concrete path allows, for the
 * {@code Allow} header of a 405.
 */
final class RouteScopes {
    static final String PUBLIC_PREFIX = "/health/";
    /**
     * The dashboard's page ({@code /dashboard}) and everything under it: static files that hold no data (the page
     * asks for an admin key and sends it to the {@code /v1/admin/dashboard/*} routes), so nothing under it may need
     * a key and no data route may live there.
     */
    static final String PAGE_PREFIX = DashboardPage.PAGE;

    private final Map<String, Scope> table = new HashMap<>();
    private final List<PathMethods> paths = new ArrayList<>();

    RouteScopes(List<Route> routes) {
        Map<String, Set<String>> methods = new HashMap<>();
        for (Route route : routes) {
            route.scope().ifPresent(scope -> {
                table.put(route.key(), scope);
                if (route.method() == HandlerType.GET) {
                    table.put("HEAD " + route.path(), scope);
                }
            });
            Set<String> allowed = methods.computeIfAbsent(route.path(), p -> new LinkedHashSet<>());
            allowed.add(route.method().name());
            if (route.method() == HandlerType.GET) {
                allowed.add("HEAD");
            }
        }
        methods.forEach((path, allowed) -> paths.add(new PathMethods(template(path), allowed)));
    }

    Optional<Scope> required(String method, String pathTemplate) {
        return Optional.ofNullable(table.get(method + " " + pathTemplate));
    }

    /** Whether a route on this path (template) is open to everyone: {@link Route} holds every route to it. */
    static boolean isPublic(String path) {
        return path.startsWith(PUBLIC_PREFIX) || path.equals(PAGE_PREFIX) || path.startsWith(PAGE_PREFIX + "/");
    }

    /** The methods some route serves on this concrete path, e.g. {@code GET, HEAD}; empty when no route matches. */
    String allowed(String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (PathMethods p : paths) {
            if (p.template().matcher(path).matches()) {
                allowed.addAll(p.methods());
            }
        }
        return String.join(", ", allowed);
    }

    /** {@code /v1/users/{userId}/x} → {@code /v1/users/[^/]+/x}: a parameter is one non-empty segment. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private record PathMethods(Pattern template, Set<String> methods) {
    }
}
