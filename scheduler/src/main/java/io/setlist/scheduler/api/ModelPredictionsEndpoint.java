package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.auth.Scope;

import java.util.List;

/**
 * {@code POST /v1/models/{name}/predictions} (read): P(each play runs to the end), scored by the champion of model
 * {@code name}, from the features known before the play at its timestamp.
 *
 * <ul>
 *   <li>body: see {@link PredictionBatch}: 1..1000 items {@code {userId, trackId, timestamp}}</li>
 *   <li>200: {@code {model, version, predictions: [{userId, trackId, timestamp, probability, trackingId}]}}, in
 *       the order of the items; every prediction is in {@code prediction_log} under its {@code trackingId}</li>
 *   <li>400: malformed body, or an item that is malformed or names an unknown user or track:
 *       {@code {error, message, parameter: "userId"|"trackId"|"timestamp"|"item"|"body", index}}; timestamps
 *       run from 2000-01-01T00:00:00Z to one day after now ({@link PredictionBatch})</li>
 *   <li>404: no model {@code name}, or it has no champion this build can serve</li>
 *   <li>413: more than 1000 items</li>
 *   <li>422: the batch spans more than {@value PredictionBatch#MAX_DAYS} distinct UTC days
 *       ({@code too_much_work}, naming {@code timestamp} and the first item over)</li>
 * </ul>
 */
final class ModelPredictionsEndpoint implements Handler {
    static final String PATH = "/v1/models/{name}/predictions";

    private final CompletionPredictions predictions;

    ModelPredictionsEndpoint(CompletionPredictions predictions) {
        this.predictions = predictions;
    }

    record Item(String userId, String trackId, String timestamp, double probability, String trackingId) {
    }

    record Response(String model, int version, List<Item> predictions) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.post(PATH, Scope.READ,
                "P(played to the end) for a batch of {userId, trackId, timestamp}, by the model's champion", this,
                op -> op.jsonBody(true).returnsObject()
                        .pathParam("name", "a registered model name, e.g. completion")
                        .errors(400, 404, 413, 422, 503));
    }

    @Override
    public void handle(Context ctx) {
        String name = ctx.pathParam("name");
        List<CompletionPredictions.Request> batch;
        try {
            batch = PredictionBatch.parse(ctx.body());
        } catch (ApiError bad) {
            // A missing model answers 404 before a bad body is looked at, as it always has.
            predictions.champion(name).orElseThrow(() -> noChampion(name));
            throw bad;
        }
        CompletionPredictions.Served served;
        try {
            // The champion is read with the keys, in one round trip (issue 14).
            served = predictions.scoreChampion(name, batch).orElseThrow(() -> noChampion(name));
        } catch (CompletionPredictions.UnknownKey e) {
            throw PredictionBatch.unknownKey(batch, e);
        }
        CompletionModels.Loaded champion = served.model();
        List<CompletionPredictions.Prediction> scored = served.predictions();
        ctx.json(new Response(champion.name(), champion.version(), scored.stream().map(p -> new Item(
                p.request().userKey(), p.request().trackKey(), p.request().ts().toString(), p.probability(),
                p.trackingId().toString())).toList()));
    }

    private static ApiError noChampion(String name) {
        return ApiError.notFound("no model '" + Limit.truncate(name) + "' with a champion; see GET /v1/models");
    }
}
