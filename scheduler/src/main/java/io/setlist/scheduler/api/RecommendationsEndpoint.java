package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.UserRecommendations;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/users/{userId}/recommendations?limit=N&cursor=C}: a user's ranked artists from the current run.
 * Scope {@code read}.
 *
 * <ul>
 *   <li>{@code userId}: 1..128 printable characters; {@code limit}: 1..100, default 20; {@code cursor}: the
 *       {@code nextCursor} of the previous page. Anything else, or another parameter → 400 naming it</li>
 *   <li>200: {@code {userId, runId, businessDate, generatedAt, source, items: [{rank, artistId, name, score}],
 *       nextCursor?}}; {@code source} is {@code neighbours}, or {@code segment}/{@code global} for the cold-start
 *       fallback; {@code nextCursor} is absent on the last page. {@code ETag} is the run id,
 *       {@code Cache-Control: private, max-age=60}; 304 when {@code If-None-Match} names the current run</li>
 *   <li>404: the user has no recommendations in the current run (unknown user)</li>
 *   <li>410: the cursor is from a run that is no longer current</li>
 *   <li>503: no run has been published yet, or this node is still loading its first run</li>
 * </ul>
 */
final class RecommendationsEndpoint implements Handler {
    static final String PATH = "/v1/users/{userId}/recommendations";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> PARAMS = Set.of("limit", "cursor");

    private final RunServing serving;

    RecommendationsEndpoint(RunServing serving) {
        this.serving = serving;
    }

    record Item(int rank, String artistId, String name, double score) {
    }

    record Response(String userId, String runId, String businessDate, String generatedAt, String source,
                    List<Item> items, String nextCursor) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "A user's ranked artists from the current run, paged", this, op -> op
                .returns("Recommendations").conditional()
                .pathParam("userId", "1..128 printable characters")
                .intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT).cursorQuery()
                .errors(400, 404, 410, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, PARAMS);
        String userId = ctx.pathParam("userId");
        if (userId.isBlank() || userId.length() > 128 || userId.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badParameter("userId", "userId must be 1 to 128 printable characters");
        }
        int limit = Limit.parse(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            Cursor.decode(cursor);
        }
        ServedRun served = serving.require();
        CurrentRun run = served.run();
        int offset = Cursor.offset(cursor, run.runId());
        UserRecommendations recs = served.recommendations(userId)
                .orElseThrow(() -> ApiError.notFound("no recommendations for user '" + Limit.truncate(userId)
                        + "' in run " + run.runId()));
        if (RunETag.notModified(ctx, run.runId())) {
            return;
        }
        List<RecommendedArtist> all = recs.items();
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        List<Item> items = all.subList(from, to).stream()
                .map(a -> new Item(a.rank(), a.artistKey(), a.name(), a.score()))
                .toList();
        String next = to < all.size() ? new Cursor(run.runId(), to).encode() : null;
        ctx.json(new Response(userId, run.runId(), run.businessDate().toString(), run.generatedAt().toString(),
                recs.source(), items, next));
    }
}
