package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.sql.runs.RunLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /health/live}: 200 while the process serves. {@code GET /health/ready}: 503 {@code NOT_READY} until a
 * run has been published (a load balancer keeps traffic away until there is something to serve); then 200 with
 * the current run, {@code READY}, or {@code DEGRADED} when the run is older than the configured maximum age, or
 * when the publish of the newest business date in the run ledger was SKIPPED (readers are not on the newest day;
 * {@code skippedPublish} says which day and why): stale data is still served, but the daily pipeline needs a look.
 * {@code DEGRADED} too when the oldest pending asynchronous prediction request is older than
 * {@code SETLIST_MAX_BACKLOG_SECONDS}: the prediction workers do not keep up.
 *
 * <p>The ledger is read at most once every {@link #LEDGER_EVERY}, so probes do not become database load; when the
 * database cannot be read the answer is built from the pointer alone. The backlog is one indexed read per probe, so
 * a probe sees a backlog drained at once; an unreadable backlog does not hide the run ({@code /metrics} reports it).
 */
final class HealthEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);
    static final Duration LEDGER_EVERY = Duration.ofSeconds(5);

    private final CurrentRunView current;
    private final Duration maxRunAge;
    private final RunLedger ledger;
    private final AsyncPredictions async;
    private volatile SkippedPublish skipped;
    private volatile Instant skippedReadAt = Instant.EPOCH;

    HealthEndpoints(CurrentRunView current, Duration maxRunAge, RunLedger ledger, AsyncPredictions async) {
        this.current = current;
        this.maxRunAge = maxRunAge;
        this.ledger = ledger;
        this.async = java.util.Objects.requireNonNull(async, "async");
    }

    record SkippedPublish(String businessDate, String reason) {
    }

    /** The two routes as {@link ApiRoutes} serves and documents them: open, no key needed. */
    java.util.List<Route> routes() {
        return java.util.List.of(
                Route.open("/health/live", "200 while the process serves", this::live, op -> op.returns("Health")),
                Route.open("/health/ready", "200 with the current run once one is published, else 503", this::ready,
                        op -> op.returns("Health").answer(503, "no run published yet")));
    }

    record Status(String status, String runId, String businessDate, String generatedAt,
                  SkippedPublish skippedPublish) {
    }

    void live(Context ctx) {
        ctx.json(new Status("UP", null, null, null, null));
    }

    void ready(Context ctx) {
        Optional<CurrentRun> run = current.get();
        if (run.isEmpty()) {
            ctx.status(503).json(new Status("NOT_READY", null, null, null, null));
            return;
        }
        CurrentRun r = run.get();
        boolean stale = r.generatedAt().plus(maxRunAge).isBefore(Instant.now());
        SkippedPublish skip = skippedPublish();
        boolean degraded = stale || skip != null || backlogTooOld();
        ctx.json(new Status(degraded ? "DEGRADED" : "READY", r.runId(), r.businessDate().toString(),
                r.generatedAt().toString(), skip));
    }

    /** An unreadable backlog (the warehouse is down) does not hide the run; {@code /metrics} reports it. */
    private boolean backlogTooOld() {
        try {
            return async.backlogTooOld();
        } catch (RuntimeException e) {
            LOG.debug("health: cannot read the prediction backlog: {}", e.getMessage());
            return false;
        }
    }

    /** The newest business date's publish, when it was skipped; null otherwise. */
    private SkippedPublish skippedPublish() {
        if (ledger == null) {
            return null;
        }
        Instant now = Instant.now();
        if (skippedReadAt.plus(LEDGER_EVERY).isBefore(now)) {
            try {
                skipped = ledger.newestDate("publish").filter(e -> "SKIPPED".equals(e.status()))
                        .map(e -> new SkippedPublish(e.businessDate().toString(), e.summary())).orElse(null);
            } catch (RuntimeException e) {
                LOG.debug("health: cannot read the run ledger: {}", e.getMessage());
            }
            skippedReadAt = now;
        }
        return skipped;
    }
}
