package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;

import java.util.Set;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format (0.0.4). Scope {@code read}. Request counts and
 * latency histograms by route and status ({@code setlist_http_requests_seconds}), the item cache
 * ({@code cache_gets_total}, {@code setlist_api_cache_hit_ratio}), publishes ({@code setlist_publish_*}) and job
 * durations ({@code setlist_job_duration_seconds}).
 */
final class MetricsEndpoint implements Handler {
    static final String PATH = "/metrics";

    private final ApiMetrics metrics;

    MetricsEndpoint(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "Metrics in the Prometheus text format", this, op -> op
                .returnsText().errors(400));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
