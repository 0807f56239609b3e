package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.scheduler.dashboard.DashboardSettings;
import io.setlist.sql.dashboard.CacheTierFill;
import io.setlist.sql.dashboard.StoredCacheEvaluations;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/admin/dashboard/cache} (admin): the Cache panel. Each configured tier ({@code SETLIST_CACHE_TIERS})
 * with what the newest cache plan put in it, and the newest stored cache replay ({@code eval cache} stores one):
 * byte and full-play hit rates by capacity for each policy (Setlist plan, LRU, LFU, Bélády). Read from tables only;
 * the replay itself is never run here.
 *
 * <ul>
 *   <li>200: {@code {businessDate?, tiers: [{tier, capacityBytes, usedBytes, tracks, expectedFullPlays}],
 *       evaluation?: {evaluatedAt, source, windowFrom, windowTo, requests, fullPlays, workingSetBytes,
 *       points: [{policy, capacityShare, capacityBytes, byteHitRate, fullPlayHitRate}]}, note?}};
 *       {@code evaluation} is absent (and {@code note} says how to make one) when none is stored. No parameters.</li>
 * </ul>
 */
final class DashboardCacheEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/cache";
    static final String NO_EVALUATION = "no cache replay stored yet: run ./setlist eval cache --data DIR "
            + "--source generated|pozytywka to store one";

    private final DataSource warehouse;
    private final DashboardSettings settings;

    DashboardCacheEndpoint(DataSource warehouse, DashboardSettings settings) {
        this.warehouse = warehouse;
        this.settings = settings;
    }

    record Tier(String tier, long capacityBytes, long usedBytes, long tracks, double expectedFullPlays) {
    }

    record Point(String policy, double capacityShare, long capacityBytes, double byteHitRate, double fullPlayHitRate) {
    }

    record Evaluation(String evaluatedAt, String source, String windowFrom, String windowTo, long requests,
                      long fullPlays, long workingSetBytes, List<Point> points) {
    }

    record Response(String businessDate, List<Tier> tiers, Evaluation evaluation, String note) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Cache panel: each tier's planned bytes against its capacity and "
                + "the newest stored cache replay (hit rate by capacity per policy)", this, op -> op
                .returnsObject()
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        Map<String, CacheTierFill.Tier> filled = new LinkedHashMap<>();
        String date = null;
        for (CacheTierFill.Tier t : new CacheTierFill(warehouse).latest()) {
            filled.put(t.tier(), t);
            date = t.businessDate().toString();
        }
        List<Tier> tiers = new ArrayList<>();
        for (CacheTier configured : settings.cacheTiers()) {
            CacheTierFill.Tier t = filled.remove(configured.name());
            tiers.add(new Tier(configured.name(), configured.capacityBytes(), t == null ? 0 : t.bytes(),
                    t == null ? 0 : t.tracks(), t == null ? 0 : t.expectedFullPlays()));
        }
        // Tiers planned under an earlier SETLIST_CACHE_TIERS: shown with an unknown (0) capacity.
        filled.values().forEach(t -> tiers.add(new Tier(t.tier(), 0, t.bytes(), t.tracks(), t.expectedFullPlays())));
        Evaluation evaluation = new StoredCacheEvaluations(warehouse).latest().map(e -> new Evaluation(
                e.evaluatedAt().toString(), e.source(), e.windowFrom().toString(), e.windowTo().toString(),
                e.requests(), e.fullPlays(), e.workingSetBytes(), e.points().stream().map(p -> new Point(p.policy(),
                        p.capacityShare(), p.capacityBytes(), p.byteHitRate(), p.fullPlayHitRate())).toList()))
                .orElse(null);
        ctx.json(new Response(date, tiers, evaluation, evaluation == null ? NO_EVALUATION : null));
    }
}
