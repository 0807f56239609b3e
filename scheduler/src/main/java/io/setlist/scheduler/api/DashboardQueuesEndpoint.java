package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.queue.AsyncPredictions;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/admin/dashboard/queues} (admin): the Queues panel: the asynchronous prediction queue and its
 * dead-letter queue, as the broker reports them now.
 *
 * <ul>
 *   <li>200: {@code {configured: true, message, queues: [{name, depth, consumers, oldestAgeSeconds?}]}}; the request
 *       queue's {@code oldestAgeSeconds} is the age of the oldest pending request (0 when none is pending).</li>
 *   <li>200 {@code {configured: false, message, queues: []}} when the broker cannot be read: the message says so,
 *       and the panel shows it instead of numbers.</li>
 *   <li>400: any query parameter.</li>
 * </ul>
 */
final class DashboardQueuesEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/queues";

    private final AsyncPredictions async;

    DashboardQueuesEndpoint(AsyncPredictions async) {
        this.async = async;
    }

    record Response(boolean configured, String message, List<AsyncPredictions.QueueState> queues) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Queues panel: depth, consumers and oldest request of the prediction queues",
                this, op -> op.returnsObject().errors(400));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        List<AsyncPredictions.QueueState> queues;
        try {
            queues = async.queues();
        } catch (RuntimeException e) {
            // The broker being down is a state to show, not a failure of the dashboard.
            ctx.json(new Response(false, "the prediction queue's broker does not answer", List.of()));
            return;
        }
        ctx.json(new Response(true, queues.size() + " queues", queues));
    }
}
