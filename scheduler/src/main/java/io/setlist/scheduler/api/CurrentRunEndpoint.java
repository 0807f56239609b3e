package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.infra.publish.CurrentRun;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/runs/current}: the run this node serves readers from. Scope {@code admin}.
 *
 * <ul>
 *   <li>no parameters; any → 400 naming it</li>
 *   <li>200: {@code {runId, businessDate, generatedAt, users, tiers}}; {@code ETag} is the run id, 304 when
 *       {@code If-None-Match} names it</li>
 *   <li>503: no run has been published yet</li>
 * </ul>
 */
final class CurrentRunEndpoint implements Handler {
    static final String PATH = "/v1/runs/current";

    private final RunServing serving;

    CurrentRunEndpoint(RunServing serving) {
        this.serving = serving;
    }

    record Response(String runId, String businessDate, String generatedAt, long users, List<String> tiers) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "The run readers are served from", this, op -> op
                .returns("Run").conditional().errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        CurrentRun run = serving.require().run();
        if (RunETag.notModified(ctx, run.runId())) {
            return;
        }
        ctx.json(new Response(run.runId(), run.businessDate().toString(), run.generatedAt().toString(), run.users(),
                run.tiers()));
    }
}
