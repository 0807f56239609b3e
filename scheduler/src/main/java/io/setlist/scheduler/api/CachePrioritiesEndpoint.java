package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/cache/{tier}/priorities?limit=N&cursor=C}: a cache tier's tracks in the order to keep them.
 * Scope {@code read}.
 *
 * <ul>
 *   <li>{@code tier}: [a-z0-9-]{1,64}; {@code limit}: 1..10000, default 1000; {@code cursor}: the
 *       {@code nextCursor} of the previous page. Anything else, or another parameter → 400 naming it</li>
 *   <li>200: {@code {tier, runId, businessDate, generatedAt, items: [{rank, trackId, probability, priority}],
 *       nextCursor?}}; {@code probability} is P(a play runs to the end), {@code priority} expected full plays per
 *       MiB. {@code ETag} is the run id; 304 when {@code If-None-Match} names the current run</li>
 *   <li>404: the tier is not in the current run</li>
 *   <li>410: the cursor is from a run that is no longer current</li>
 *   <li>503: no run has been published yet, or this node is still loading its first run</li>
 * </ul>
 */
final class CachePrioritiesEndpoint implements Handler {
    static final String PATH = "/v1/cache/{tier}/priorities";
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> PARAMS = Set.of("limit", "cursor");

    private final RunServing serving;

    CachePrioritiesEndpoint(RunServing serving) {
        this.serving = serving;
    }

    record Item(int rank, String trackId, double probability, double priority) {
    }

    record Response(String tier, String runId, String businessDate, String generatedAt, List<Item> items,
                    String nextCursor) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "A cache tier's tracks in the order to keep them, paged", this, op -> op
                .returns("CachePriorities").conditional()
                .pathParam("tier", "[a-z0-9-]{1,64}")
                .intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT).cursorQuery()
                .errors(400, 404, 410, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, PARAMS);
        String tier = ctx.pathParam("tier");
        if (!tier.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter("tier", "tier must match [a-z0-9-]{1,64}");
        }
        int limit = Limit.parse(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            Cursor.decode(cursor);
        }
        ServedRun served = serving.require();
        CurrentRun run = served.run();
        int offset = Cursor.offset(cursor, run.runId());
        if (!run.tiers().contains(tier)) {
            throw ApiError.notFound("no cache tier '" + tier + "' in run " + run.runId() + "; tiers: " + run.tiers());
        }
        if (RunETag.notModified(ctx, run.runId())) {
            return;
        }
        // One entry more than asked for tells whether there is a next page.
        List<CachePriority> entries = served.cacheEntries(tier, offset, limit + 1);
        boolean more = entries.size() > limit;
        List<Item> items = entries.subList(0, Math.min(limit, entries.size())).stream()
                .map(e -> new Item(e.rank(), e.trackKey(), e.probability(), e.priority())).toList();
        String next = more ? new Cursor(run.runId(), offset + limit).encode() : null;
        ctx.json(new Response(tier, run.runId(), run.businessDate().toString(), run.generatedAt().toString(), items,
                next));
    }
}
