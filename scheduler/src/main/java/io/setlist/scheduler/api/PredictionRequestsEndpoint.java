package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.sql.predictions.PredictionRequests;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The asynchronous predictions (read scope), one tracking id per request. Every {@code serve} node opens the
 * prediction queue, so both routes are always served.
 *
 * <p>{@code POST /v1/prediction-requests}: body as {@code POST /v1/predictions}, checked by the same
 * {@link PredictionBatch} rules before anything is stored or queued.
 * <ul>
 *   <li>202: {@code {trackingId, status: "PENDING", items, location}}, answered only once the request is stored in
 *       PostgreSQL and the broker confirmed the message</li>
 *   <li>400 / 413 / 422: as {@code POST /v1/predictions} (item shape, keys, timestamps, batch size, distinct days;
 *       unknown users and tracks are reported by the request's FAILED status)</li>
 *   <li>503: the broker did not confirm; the request is recorded FAILED and may be sent again</li>
 * </ul>
 *
 * <p>{@code GET /v1/prediction-requests/{trackingId}}:
 * <ul>
 *   <li>200: {@code {trackingId, status, items, createdAt, finishedAt, result, reason}}; status PENDING (not
 *       scored yet), DONE ({@code result} as {@code POST /v1/predictions}' answer), FAILED ({@code reason}: an
 *       unknown user or track, no champion, or failed {@code SETLIST_PREDICTION_MAX_ATTEMPTS} times and
 *       dead-lettered) or EXPIRED (not scored within {@code SETLIST_PREDICTION_TTL_SECONDS})</li>
 *   <li>400: not a UUID; 404: no such request</li>
 * </ul>
 */
final class PredictionRequestsEndpoint {
    static final String PATH = "/v1/prediction-requests";
    static final String ITEM_PATH = "/v1/prediction-requests/{trackingId}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AsyncPredictions async;

    PredictionRequestsEndpoint(AsyncPredictions async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    record Accepted(String trackingId, String status, int items, String location) {
    }

    record Status(String trackingId, String status, int items, String createdAt, String finishedAt, JsonNode result,
                  String reason) {
    }

    /** The two routes as {@link ApiRoutes} serves and documents them. */
    List<Route> routes() {
        return List.of(
                Route.post(PATH, Scope.READ,
                        "The same through the durable queue: 202 {trackingId} once stored and confirmed by the broker",
                        this::submit, op -> op.jsonBody(true).accepted().errors(400, 413, 422, 503)),
                Route.get(ITEM_PATH, Scope.READ,
                        "An asynchronous request: PENDING, DONE with its result, FAILED with a reason, or EXPIRED",
                        this::status, op -> op.returnsObject()
                                .pathParam("trackingId", "the trackingId of the 202 answer").errors(400, 404, 503)));
    }

    void submit(Context ctx) {
        QueryParams.only(ctx, Set.of());
        List<CompletionPredictions.Request> batch = PredictionBatch.parse(ctx.body());
        UUID id;
        try {
            id = async.submit(batch);
        } catch (AsyncPredictions.BrokerUnavailable e) {
            throw ApiError.unavailable("the prediction queue did not take the request; send it again");
        }
        ctx.status(202).header("Location", PATH + "/" + id)
                .json(new Accepted(id.toString(), "PENDING", batch.size(), PATH + "/" + id));
    }

    void status(Context ctx) {
        QueryParams.only(ctx, Set.of());
        String raw = ctx.pathParam("trackingId");
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("trackingId", "trackingId must be a UUID, got '" + Limit.truncate(raw) + "'");
        }
        PredictionRequests.Found found = async.find(id).orElseThrow(() -> ApiError.notFound(
                "no prediction request " + id));
        JsonNode result;
        try {
            result = found.result() == null ? null : JSON.readTree(found.result());
        } catch (IOException e) {
            throw new IllegalStateException("stored result of " + id + " is not JSON", e);
        }
        ctx.json(new Status(id.toString(), found.status().name(), found.items(), found.createdAt().toString(),
                found.finishedAt() == null ? null : found.finishedAt().toString(), result, found.reason()));
    }
}
