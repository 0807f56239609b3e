package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.runs.RunLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * last run it loaded), a newer run could not be loaded, or the publish of the newest business date in the run
 * ledger was SKIPPED (readers are not on the newest day; {@code skippedPublish} says which day and why).
 *
 * {@code NOT_READY} too, with the run, while the prediction feature store is still being built (a serving node builds it
 * at start-up, so that no request pays the build): predictions would be served, but each would wait for the build.
 *
 * {@code DEGRADED} too when the oldest pending asynchronous prediction request is older than
 * {@code SETLIST_MAX_BACKLOG_SECONDS}: the prediction workers do not keep up.
 *
 * <p>The ledger is read at most once every {@link #LEDGER_EVERY}, so probes do not become database load; when the
 * database cannot be read the answer is built from the served run alone. The backlog is one indexed read per probe, so a probe sees a
 * backlog drained at once; an unreadable backlog does not hide the run ({@code /metrics} reports it).
 */
final class HealthEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);
    static final Duration LEDGER_EVERY = Duration.ofSeconds(5);

    private final RunServing serving;
    private final Duration maxRunAge;
    private final RunLedger ledger;
    private final AsyncPredictions async;
    private final PlayFeatureSource features;
    private volatile SkippedPublish skipped;
    private volatile Instant skippedReadAt = Instant.EPOCH;

    /** @param features asked whether it is built; null: not reported */
    HealthEndpoints(RunServing serving, Duration maxRunAge, RunLedger ledger, AsyncPredictions async,
                    PlayFeatureSource features) {
        this.serving = serving;
        this.features = features;
        this.maxRunAge = maxRunAge;
        this.ledger = ledger;
        this.async = java.util.Objects.requireNonNull(async, "async");
    }

    record SkippedPublish(String businessDate, String reason) {
    }

    /** The two routes as {@link ApiRoutes} serves and documents them: open, no key needed. */
    List<Route> routes() {
        return List.of(
                Route.open("/health/live", "200 while the process serves", this::live, op -> op.returns("Health")),
                Route.open("/health/ready", "200 with the served run (READY, or DEGRADED with a reason) once one is "
                                + "loaded, else 503 NOT_READY with a reason", this::ready,
                        op -> op.returns("Health")
                                .answer(503, "no run served yet: none published, or the first still loading")));
    }

    record Status(String status, String runId, String businessDate, String generatedAt, String mode, String reason,
                  SkippedPublish skippedPublish) {
    }

    void live(Context ctx) {
        ctx.json(new Status("UP", null, null, null, null, null, null));
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
            String warming = featuresNotReady();
            if (warming != null) {
                reason = reason + "; " + warming;
            }
            ApiServer.answer(ctx, 503, new Status("NOT_READY", null, null, null, null, reason, null));
            return;
        }
        CurrentRun r = state.serving().run();
        String warming = featuresNotReady();
        if (warming != null) {
            ApiServer.answer(ctx, 503, new Status("NOT_READY", r.runId(), r.businessDate().toString(),
                    r.generatedAt().toString(), state.serving().mode(), warming, null));
            return;
        }
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
        SkippedPublish skip = skippedPublish();
        if (skip != null) {
            problems.add("the publish of business date " + skip.businessDate() + " was skipped");
        }
        if (backlogTooOld()) {
            problems.add("the oldest pending prediction request is older than SETLIST_MAX_BACKLOG_SECONDS");
        }
        // Read-through is a way of serving, not a problem: said, but READY.
        List<String> reasons = new ArrayList<>(problems);
        if (state.fallbackReason() != null) {
            reasons.add("served read-through: " + state.fallbackReason());
        }
        ctx.json(new Status(problems.isEmpty() ? "READY" : "DEGRADED", r.runId(), r.businessDate().toString(),
                r.generatedAt().toString(), state.serving().mode(), reasons.isEmpty() ? null : String.join("; ", reasons),
                skip));
    }

    /** Why the prediction feature source cannot serve fast yet, or null. */
    private String featuresNotReady() {
        return features == null ? null : features.notReady().orElse(null);
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
