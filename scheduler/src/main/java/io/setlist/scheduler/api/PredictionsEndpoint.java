package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.auth.Scope;

import java.util.List;

/**
 * {@code POST /v1/predictions} (read): P(each play runs to the end) under the A/B experiment. Each user is served by
 * the variant {@code SETLIST_AB_SPLIT} assigns them (stable per user; see {@code VariantSplit}).
 *
 * <ul>
 *   <li>body: as {@code POST /v1/models/{name}/predictions}</li>
 *   <li>200: {@code {model, predictions: [{userId, trackId, timestamp, probability, trackingId, variant,
 *       version}]}}, in the order of the items; each is logged with its variant for {@code setlist ab-report}</li>
 *   <li>400 / 413 / 422: as {@code POST /v1/models/{name}/predictions}</li>
 *   <li>404: the completion model has no champion yet</li>
 * </ul>
 */
final class PredictionsEndpoint implements Handler {
    static final String PATH = "/v1/predictions";

    private final CompletionPredictions predictions;

    PredictionsEndpoint(CompletionPredictions predictions) {
        this.predictions = predictions;
    }

    record Item(String userId, String trackId, String timestamp, double probability, String trackingId,
                String variant, int version) {
    }

    record Response(String model, List<Item> predictions) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.post(PATH, Scope.READ, "The same, each user assigned to an A/B variant (SETLIST_AB_SPLIT)", this,
                op -> op.jsonBody(true).returnsObject().errors(400, 404, 413, 422, 503));
    }

    @Override
    public void handle(Context ctx) {
        List<CompletionPredictions.Request> batch = PredictionBatch.parse(ctx.body());
        List<CompletionPredictions.Prediction> scored;
        try {
            scored = predictions.experiment(batch).orElseThrow(() -> ApiError.notFound(
                    "model '" + CompletionModels.NAME + "' has no champion yet; see GET /v1/models"));
        } catch (CompletionPredictions.UnknownKey e) {
            throw PredictionBatch.unknownKey(batch, e);
        }
        ctx.json(new Response(CompletionModels.NAME, scored.stream().map(p -> new Item(p.request().userKey(),
                p.request().trackKey(), p.request().ts().toString(), p.probability(), p.trackingId().toString(),
                p.variant(), p.version())).toList()));
    }
}
