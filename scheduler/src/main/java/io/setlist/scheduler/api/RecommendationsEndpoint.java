package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.UserRecommendations;

import java.util.List;

/**
 * {@code GET /v1/users/{userId}/recommendations?limit=N}: a user's ranked artists from the current run.
 *
 * <ul>
 *   <li>{@code limit}: 1..100, default 20; anything else → 400 naming {@code limit}</li>
 *   <li>200: {@code {userId, runId, businessDate, generatedAt, source, items: [{rank, artistId, name, score}]}};
 *       {@code source} is {@code neighbours}, or {@code segment}/{@code global} for the cold-start fallback</li>
 *   <li>404: the user has no recommendations in the current run (unknown user)</li>
 *   <li>503: no run has been published yet</li>
 * </ul>
 */
final class RecommendationsEndpoint implements Handler {
    static final String PATH = "/v1/users/{userId}/recommendations";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final CurrentRunView current;

    RecommendationsEndpoint(CurrentRunView current) {
        this.current = current;
    }

    record Item(int rank, String artistId, String name, double score) {
    }

    record Response(String userId, String runId, String businessDate, String generatedAt, String source,
                    List<Item> items) {
    }

    @Override
    public void handle(Context ctx) {
        String userId = ctx.pathParam("userId");
        if (userId.isBlank() || userId.length() > 128) {
            throw ApiError.badParameter("userId", "userId must be 1 to 128 characters");
        }
        int limit = Limit.parse(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        CurrentRun run = current.require();
        UserRecommendations recs = current.runs().recommendations(run.runId(), userId)
                .orElseThrow(() -> ApiError.notFound("no recommendations for user '" + Limit.truncate(userId)
                        + "' in run " + run.runId()));
        List<Item> items = recs.items().stream().limit(limit)
                .map((RecommendedArtist a) -> new Item(a.rank(), a.artistKey(), a.name(), a.score()))
                .toList();
        ctx.json(new Response(userId, run.runId(), run.businessDate().toString(), run.generatedAt().toString(),
                recs.source(), items));
    }
}
