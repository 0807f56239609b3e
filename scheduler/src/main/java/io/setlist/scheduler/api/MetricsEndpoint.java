package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;

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

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
