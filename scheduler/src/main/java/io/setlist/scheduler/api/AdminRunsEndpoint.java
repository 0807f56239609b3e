package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.sql.runs.RunLedger;

import java.util.List;

/**
 * {@code GET /v1/admin/runs?job=J&limit=N} (admin): the run ledger, newest first.
 *
 * <ul>
 *   <li>{@code job}: optional, one of the pipeline's jobs; anything else → 400 naming {@code job}</li>
 *   <li>{@code limit}: 1..500, default 50 → 400 naming {@code limit} otherwise</li>
 *   <li>200: {@code {runs: [{job, businessDate, runId, status, attempt, node, startedAt, finishedAt, rowsIn,
 *       rowsOut, summary, error}]}}</li>
 * </ul>
 */
final class AdminRunsEndpoint implements Handler {
    static final String PATH = "/v1/admin/runs";

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

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of("job", "limit"));
        String job = ctx.queryParam("job");
        if (job != null && !jobs.contains(job)) {
            throw ApiError.badParameter("job", "job must be one of " + jobs);
        }
        int limit = Limit.parse(ctx.queryParam("limit"), 50, 500);
        ctx.json(new Response(ledger.latest(job, limit).stream().map(e -> new Run(e.job(),
                e.businessDate().toString(), e.runId(), e.status(), e.attempt(), e.node(), e.startedAt().toString(),
                e.finishedAt() == null ? null : e.finishedAt().toString(), e.rowsIn(), e.rowsOut(), e.summary(),
                e.error())).toList()));
    }
}
