package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /health/live}: 200 while the process serves; it reads nothing, so it stays fast whatever the stores do.
 *
 * <p>{@code GET /health/ready}: 503 {@code NOT_READY} until this node serves a run (none published yet, or the first
 * run still loading into memory: a load balancer keeps traffic away until there is something to serve, and
 * {@code reason} says which). Then 200 with the served run, its {@code mode} ({@code memory} or
 * {@code read-through}), and {@code READY}, or {@code DEGRADED} with a {@code reason} when stale data is being
 * served: the run is older than the configured maximum age, the store does not answer (the node keeps serving the
 * last run it loaded), or a newer run could not be loaded.
 */
final class HealthEndpoints {
    private final RunServing serving;
    private final Duration maxRunAge;

    HealthEndpoints(RunServing serving, Duration maxRunAge) {
        this.serving = serving;
        this.maxRunAge = maxRunAge;
    }

    record Status(String status, String runId, String businessDate, String generatedAt, String mode, String reason) {
    }

    void live(Context ctx) {
        ctx.json(new Status("UP", null, null, null, null, null));
    }

    void ready(Context ctx) {
        RunServing.State state = serving.state();
        if (state.serving() == null) {
            String reason;
            if (state.loadingRun() != null) {
                reason = String.format("loading run %s into memory: %d of %d users", state.loadingRun().runId(),
                        state.loadedUsers(), state.loadingRun().users());
            } else if (state.storeError() != null) {
                reason = "the store does not answer since " + state.storeErrorSince() + " (" + state.storeError() + ")";
            } else if (state.loadError() != null) {
                reason = state.loadError();
            } else {
                reason = "no run has been published yet";
            }
            ctx.status(503).json(new Status("NOT_READY", null, null, null, null, reason));
            return;
        }
        CurrentRun r = state.serving().run();
        List<String> problems = new ArrayList<>();
        if (r.generatedAt().plus(maxRunAge).isBefore(Instant.now())) {
            problems.add("run " + r.runId() + " is older than " + maxRunAge.toHours() + " h");
        }
        if (state.storeError() != null) {
            problems.add("the store does not answer since " + state.storeErrorSince() + " (" + state.storeError()
                    + "); serving the last loaded run, last confirmed current at " + state.pointerReadAt());
        }
        if (state.loadError() != null) {
            problems.add(state.loadError());
        }
        // Read-through is a way of serving, not a problem: said, but READY.
        List<String> reasons = new ArrayList<>(problems);
        if (state.fallbackReason() != null) {
            reasons.add("served read-through: " + state.fallbackReason());
        }
        ctx.json(new Status(problems.isEmpty() ? "READY" : "DEGRADED", r.runId(), r.businessDate().toString(),
                r.generatedAt().toString(), state.serving().mode(), reasons.isEmpty() ? null : String.join("; ", reasons)));
    }
}
