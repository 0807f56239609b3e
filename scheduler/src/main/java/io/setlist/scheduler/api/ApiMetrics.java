package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's Prometheus registry. It joins Micrometer's global registry while the API serves, so the pipeline
 * (job durations, publish throughput and retries) reports into the same {@code /metrics} without knowing about HTTP.
 *
 * <p>Request labels come from closed sets, so no request can add meters without bound: {@code route} is a declared
 * route's template or {@code unmatched}, {@code method} a standard method or {@code OTHER}, {@code status} a number
 * 100..599 or {@code other}. At most (routes + 1) × 10 × 501 timers, in practice a few dozen.
 */
final class ApiMetrics implements AutoCloseable {
    /** Latency buckets around the 10 ms p99 target, wide enough for cold DynamoDB reads. */
    private static final Duration[] BUCKETS = {
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** One timer per (method, route, status): found with one map lookup on the hot path, built once. */
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT");
    private volatile Set<String> routes = Set.of();

    ApiMetrics() {
        Metrics.addRegistry(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The declared routes' templates: the only values of the {@code route} label besides {@code unmatched}. */
    void knowRoutes(List<Route> declared) {
        routes = Set.copyOf(declared.stream().map(Route::path).toList());
    }

    /** Called by Javalin's request logger once the answer is complete, whatever it was. */
    void request(Context ctx, float millis) {
        Object attribute = ctx.attribute(ApiAuth.ROUTE_ATTRIBUTE);
        String route = attribute instanceof String s && routes.contains(s) ? s : "unmatched";
        String raw = ctx.req().getMethod();
        String method = raw != null && METHODS.contains(raw) ? raw : "OTHER";
        int code = ctx.statusCode();
        String status = code >= 100 && code <= 599 ? Integer.toString(code) : "other";
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("setlist.http.requests")
                        .description("HTTP requests by route template and status")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", status)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** How many request timers exist: bounded by the closed label sets, whatever was asked. */
    int requestTimers() {
        return timers.size();
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        registry.close();
    }
}
