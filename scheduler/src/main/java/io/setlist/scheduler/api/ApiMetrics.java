package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's Prometheus registry. It joins Micrometer's global registry while the API serves, so the pipeline
 * (job durations, publish throughput and retries) reports into the same {@code /metrics} without knowing about HTTP.
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

    ApiMetrics() {
        Metrics.addRegistry(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Called by Javalin's request logger once the answer is complete, whatever it was. */
    void request(Context ctx, float millis) {
        String attribute = ctx.attribute(ApiAuth.ROUTE_ATTRIBUTE);
        String route = attribute == null ? "unmatched" : attribute;
        String method = ctx.method().name();
        int status = ctx.statusCode();
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("setlist.http.requests")
                        .description("HTTP requests by route template and status")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
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
