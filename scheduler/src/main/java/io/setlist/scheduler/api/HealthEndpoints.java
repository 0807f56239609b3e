package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;

import java.util.Optional;

/**
 * {@code GET /health/live}: 200 while the process serves. {@code GET /health/ready}: 200 with the current run once
 * a run has been published, 503 before (a load balancer keeps traffic away until there is something to serve).
 */
final class HealthEndpoints {
    private final CurrentRunView current;

    HealthEndpoints(CurrentRunView current) {
        this.current = current;
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
        ctx.json(new Status("READY", r.runId(), r.businessDate().toString(), r.generatedAt().toString()));
    }
}
