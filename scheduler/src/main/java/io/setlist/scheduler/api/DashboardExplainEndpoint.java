package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.dashboard.RecommendationExplainer;

import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /v1/admin/dashboard/explain?user=U&artist=A&top=N} (admin): the explorer's "why": the neighbours of
 * user U whose plays of artist A contributed most to A's score ({@link RecommendationExplainer}).
 *
 * <ul>
 *   <li>{@code user}, {@code artist}: required keys, 1..128 printable characters; {@code top}: 1..50, default 10;
 *       else 400 naming the parameter</li>
 *   <li>200: {@code {userId, artistId, artistName, score, neighbourCount, neighbours: [{userId, similarity, plays,
 *       weight, contribution}]}}, largest contribution first; an artist recommended from the user's segment
 *       (cold start) has no neighbour contributions</li>
 *   <li>404: unknown user or artist</li>
 *   <li>429: another explanation is being computed (each reads every play row; one at a time per node)</li>
 * </ul>
 */
final class DashboardExplainEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/explain";
    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 50;

    private final RecommendationExplainer explainer;
    private final Semaphore oneAtATime = new Semaphore(1);

    DashboardExplainEndpoint(RecommendationExplainer explainer) {
        this.explainer = explainer;
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Recommendations explorer: the neighbours whose plays of an "
                + "artist contributed most to its score for a user", this, op -> op
                .returnsObject().requiredStringQuery("user").requiredStringQuery("artist")
                .intQuery("top", 1, MAX_TOP, DEFAULT_TOP)
                .errors(400, 404, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of("user", "artist", "top"));
        String user = key(ctx, "user");
        String artist = key(ctx, "artist");
        int top = Limit.parse(ctx.queryParam("top"), DEFAULT_TOP, MAX_TOP, "top");
        if (!oneAtATime.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw ApiError.tooManyRequests("an explanation is already being computed on this node; retry later");
        }
        try {
            ctx.json(explainer.explain(user, artist, top).orElseThrow(() -> ApiError.notFound("no user '"
                    + Limit.truncate(user) + "' or no artist '" + Limit.truncate(artist) + "' in the warehouse")));
        } finally {
            oneAtATime.release();
        }
    }

    private static String key(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badParameter(name, name + " is required: 1 to 128 printable characters");
        }
        return value;
    }
}
