package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;

import java.util.Optional;

/**
 * {@code GET /health/live}: 200 while the process serves. {@code GET /health/ready}: 503 {@code NOT_READY} until a
 * run has been published (a load balancer keeps traffic away until there is something to serve); then 200 with
 * the current run, {@code READY}, or {@code DEGRADED} when the run is older than the configured maximum age: stale
 * data is still served, but the daily pipeline needs a look.
 */
final class HealthEndpoints {
    private final CurrentRunView current;
    private final java.time.Duration maxRunAge;

    HealthEndpoints(CurrentRunView current, java.time.Duration maxRunAge) {
        this.current = current;
        this.maxRunAge = maxRunAge;
    }

    /** The two routes as {@link ApiRoutes} serves and documents them: open, no key needed. */
    java.util.List<Route> routes() {
        return java.util.List.of(
                Route.open("/health/live", "200 while the process serves", this::live, op -> op.returns("Health")),
                Route.open("/health/ready", "200 with the current run once one is published, else 503", this::ready,
                        op -> op.returns("Health").answer(503, "no run published yet")));
    }

    record Status(String status, String runId, String businessDate, String generatedAt) {
    }

    void live(Context ctx) {
        ctx.json(new Status("UP", null, null, null));
    }

    void ready(Context ctx) {
        Optional<CurrentRun> run = current.get();
        if (run.isEmpty()) {
            ctx.status(503).json(new Status("NOT_READY", null, null, null));
            return;
        }
        CurrentRun r = run.get();
        boolean stale = r.generatedAt().plus(maxRunAge).isBefore(java.time.Instant.now());
        ctx.json(new Status(stale ? "DEGRADED" : "READY", r.runId(), r.businessDate().toString(),
                r.generatedAt().toString()));
    }
}
