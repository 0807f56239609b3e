package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.sql.runs.RunLedger;

import java.util.List;

/**
 * {@code GET /v1/admin/runs?job=J&limit=N} (admin): the run ledger, newest first.
 *
 * <ul>
 *   <li>{@code job}: optional, one of the pipeline's jobs; anything else → 400 naming {@code job}</li>
 *   <li>{@code limit}: 1..500, default 50 → 400 naming {@code limit} otherwise</li>
 *   <li>200: {@code {runs: [{job, businessDate, runId, status, attempt, node, startedAt, finishedAt, rowsIn,
 *       rowsOut, summary, error}]}}; {@code error} is only the failure's type (e.g.
 *       {@code IllegalArgumentException}): the message can hold SQL, file paths or data, so it stays in the ledger
 *       ({@code ./setlist runs}) and in the log under the run's {@code runId}</li>
 * </ul>
 */
final class AdminRunsEndpoint implements Handler {
    static final String PATH = "/v1/admin/runs";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final RunLedger ledger;
    private final List<String> jobs;

    AdminRunsEndpoint(RunLedger ledger, List<String> jobs) {
        this.ledger = ledger;
        this.jobs = jobs;
    }

    record Run(String job, String businessDate, String runId, String status, int attempt, String node,
               String startedAt, String finishedAt, Long rowsIn, Long rowsOut, String summary, String error) {
    }

    record Response(List<Run> runs) {
    }

    /** The type of a ledger error {@code "Type: message"}; never the message. */
    static final class FailureType {
        private FailureType() {
        }

        static String of(String error) {
            if (error == null) {
                return null;
            }
            int colon = error.indexOf(':');
            String type = colon < 0 ? error : error.substring(0, colon);
            return type.matches("[A-Za-z_$][A-Za-z0-9_$.]{0,79}") ? type : "failed";
        }
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "The run ledger, newest first", this, op -> op
                .returnsObject().stringQuery("job").intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT)
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of("job", "limit"));
        String job = ctx.queryParam("job");
        if (job != null && !jobs.contains(job)) {
            throw ApiError.badParameter("job", "job must be one of " + jobs);
        }
        int limit = Limit.parse(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        ctx.json(new Response(ledger.latest(job, limit).stream().map(e -> new Run(e.job(),
                e.businessDate().toString(), e.runId(), e.status(), e.attempt(), e.node(), e.startedAt().toString(),
                e.finishedAt() == null ? null : e.finishedAt().toString(), e.rowsIn(), e.rowsOut(), e.summary(),
                FailureType.of(e.error()))).toList()));
    }
}
