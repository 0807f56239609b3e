package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.jobs.ClusteredScheduler;
import io.setlist.scheduler.pipeline.BusinessDate;
import io.setlist.sql.runs.RunLedger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code POST /v1/admin/jobs/{job}/runs} (admin): runs a job now, on whichever node of the cluster is free.
 *
 * <ul>
 *   <li>{@code job}: {@code all} or one of the pipeline's jobs → else 404</li>
 *   <li>body (optional JSON): {@code {"date": "YYYY-MM-DD", "force": false}}; date defaults to yesterday (UTC);
 *       a malformed body or date, or a date later than today (UTC) → 400 naming {@code body} or {@code date}</li>
 *   <li>409: the job (for {@code all}: any job) is running for that date now, here or on another node (its lease
 *       in the run ledger is live)</li>
 *   <li>202: {@code {job, businessDate, force, triggerId}}: the run is queued; follow it in {@code /v1/admin/runs}</li>
 *   <li>503: this node serves without a scheduler ({@code serve --no-schedule})</li>
 * </ul>
 */
final class AdminTriggerEndpoint implements Handler {
    static final String PATH = "/v1/admin/jobs/{job}/runs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusteredScheduler scheduler;
    private final List<String> jobs;
    private final RunLedger ledger;
    private final Clock clock;

    AdminTriggerEndpoint(ClusteredScheduler scheduler, List<String> jobs, RunLedger ledger, Clock clock) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Response(String job, String businessDate, boolean force, String triggerId) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.post(PATH, Scope.ADMIN,
                "Queue a run of a job ({\"date\", \"force\"} optional) on whichever node is free; 202", this,
                op -> op.jsonBody(false).accepted().pathParam("job", "all, or one of the pipeline's jobs")
                        .errors(400, 404, 409, 503));
    }

    @Override
    public void handle(Context ctx) {
        String job = ctx.pathParam("job");
        if (!"all".equals(job) && !jobs.contains(job)) {
            throw ApiError.notFound("no job '" + Limit.truncate(job) + "'; jobs: all, " + String.join(", ", jobs));
        }
        LocalDate date = BusinessDate.yesterday(clock);
        boolean force = false;
        String body = ctx.body();
        if (!body.isBlank()) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw ApiError.badParameter("body", "body must be a JSON object like {\"date\": \"2026-11-24\"}");
            }
            if (node == null || !node.isObject()) {
                throw ApiError.badParameter("body", "body must be a JSON object");
            }
            if (node.has("date")) {
                try {
                    date = LocalDate.parse(node.get("date").asText());
                } catch (DateTimeParseException e) {
                    throw ApiError.badParameter("date", "date must be YYYY-MM-DD");
                }
                try {
                    BusinessDate.requireNotFuture(date, clock);
                } catch (BusinessDate.FutureDateException e) {
                    throw ApiError.badParameter("date", e.getMessage());
                }
            }
            if (node.has("force")) {
                if (!node.get("force").isBoolean()) {
                    throw ApiError.badParameter("force", "force must be true or false");
                }
                force = node.get("force").asBoolean();
            }
        }
        LocalDate day = date;
        ledger.liveLeases(date).stream().filter(run -> "all".equals(job) || run.job().equals(job)).findFirst()
                .ifPresent(run -> {
                    throw ApiError.conflict(run.job() + " for " + day + " is already running (run " + run.runId()
                            + " on " + run.node() + "); trigger it again when it has ended");
                });
        if (scheduler == null) {
            throw ApiError.unavailable("this node runs without a scheduler (serve --no-schedule)");
        }
        String id = scheduler.trigger(job, date, force);
        ctx.status(202).json(new Response(job, date.toString(), force, id));
    }
}
