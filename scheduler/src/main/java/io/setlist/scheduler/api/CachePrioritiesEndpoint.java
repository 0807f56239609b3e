package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;

import java.util.List;

/**
 * {@code GET /v1/cache/{tier}/priorities?limit=N}: a cache tier's tracks in the order to keep them.
 *
 * <ul>
 *   <li>{@code limit}: 1..10000, default 1000; anything else → 400 naming {@code limit}</li>
 *   <li>200: {@code {tier, runId, businessDate, generatedAt, items: [{rank, trackId, probability, priority}]}};
 *       {@code probability} is P(a play runs to the end), {@code priority} expected full plays per MiB</li>
 *   <li>404: the tier is not in the current run</li>
 *   <li>503: no run has been published yet</li>
 * </ul>
 */
final class CachePrioritiesEndpoint implements Handler {
    static final String PATH = "/v1/cache/{tier}/priorities";
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final CurrentRunView current;

    CachePrioritiesEndpoint(CurrentRunView current) {
        this.current = current;
    }

    record Item(int rank, String trackId, double probability, double priority) {
    }

    record Response(String tier, String runId, String businessDate, String generatedAt, List<Item> items) {
    }

    @Override
    public void handle(Context ctx) {
        String tier = ctx.pathParam("tier");
        if (!tier.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter("tier", "tier must match [a-z0-9-]{1,64}");
        }
        int limit = Limit.parse(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        CurrentRun run = current.require();
        if (!run.tiers().contains(tier)) {
            throw ApiError.notFound("no cache tier '" + tier + "' in run " + run.runId() + "; tiers: " + run.tiers());
        }
        List<CachePriority> entries = current.runs().cachePriorities(run.runId(), tier, limit).orElse(List.of());
        ctx.json(new Response(tier, run.runId(), run.businessDate().toString(), run.generatedAt().toString(),
                entries.stream().map(e -> new Item(e.rank(), e.trackKey(), e.probability(), e.priority())).toList()));
    }
}
