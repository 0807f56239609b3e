package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/admin/dashboard/queues} (admin): the Queues panel. Setlist has no prediction queue yet, so the
 * answer says so; once one exists this route reports each queue's depth, oldest message age and consumers.
 *
 * <ul>
 *   <li>200: {@code {configured: false, message, queues: []}}. No parameters.</li>
 * </ul>
 */
final class DashboardQueuesEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/queues";

    record Queue(String name, long depth, Double oldestAgeSeconds, int consumers) {
    }

    record Response(boolean configured, String message, List<Queue> queues) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Queues panel: prediction queues (none configured yet)", this,
                op -> op.returnsObject().errors(400));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.json(new Response(false, "no prediction queue configured", List.of()));
    }
}
