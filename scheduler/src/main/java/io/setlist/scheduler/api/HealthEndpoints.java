package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;

import java.util.Optional;

/**
 * {@code GET /health/live}: 200 while the process serves. {@code GET /health/ready}: 503 {@code NOT_READY} until a
 * run has been published (a load balancer keeps traffic away until there is something to serve); then 200 with
 * the current run, {@code READY}, or {@code DEGRADED} when the run is older than the configured maximum age (stale
 * data is still served, but the daily pipeline needs a look) or when the oldest pending asynchronous prediction
 * request is older than {@code SETLIST_MAX_BACKLOG_SECONDS} (the workers do not keep up).
 */
final class HealthEndpoints {
    private final CurrentRunView current;
    private final java.time.Duration maxRunAge;
    private final io.setlist.scheduler.queue.AsyncPredictions async;

    HealthEndpoints(CurrentRunView current, java.time.Duration maxRunAge,
                    io.setlist.scheduler.queue.AsyncPredictions async) {
        this.current = current;
        this.maxRunAge = maxRunAge;
        this.async = async;
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
        if (async != null && backlogTooOld()) {
            stale = true;
        }
        ctx.json(new Status(stale ? "DEGRADED" : "READY", r.runId(), r.businessDate().toString(),
                r.generatedAt().toString()));
    }

    /** An unreadable backlog (the warehouse is down) does not hide the run; it is reported by /metrics. */
    private boolean backlogTooOld() {
        try {
            return async.backlogTooOld();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
