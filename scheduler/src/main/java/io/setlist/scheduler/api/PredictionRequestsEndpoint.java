package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.sql.predictions.PredictionRequests;

import java.io.IOException;
import java.util.UUID;

/**
 * The asynchronous predictions (read scope), one tracking id per request.
 *
 * <p>{@code POST /v1/prediction-requests}: body as {@code POST /v1/predictions}.
 * <ul>
 *   <li>202: {@code {trackingId, status: "PENDING", items, location}}, answered only once the request is stored in
 *       PostgreSQL and the broker confirmed the message</li>
 *   <li>400 / 413: as {@code POST /v1/predictions} (the items' shape is checked here; unknown users and tracks
 *       are reported by the request's FAILED status)</li>
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
 * On a node started without the queue, POST answers 503 and GET reports the stored status.
 * <ul>
 * </ul>
 */
final class PredictionRequestsEndpoint {
    static final String PATH = "/v1/prediction-requests";
    static final String ITEM_PATH = "/v1/prediction-requests/{trackingId}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Null on a node started without the queue: it still answers statuses, from PostgreSQL. */
    private final AsyncPredictions async;
    private final PredictionRequests store;

    PredictionRequestsEndpoint(AsyncPredictions async, PredictionRequests store) {
        this.async = async;
        this.store = store;
    }

    private static final java.time.Duration NO_TTL = java.time.Duration.ofDays(365L * 100);

    record Accepted(String trackingId, String status, int items, String location) {
    }

    record Status(String trackingId, String status, int items, String createdAt, String finishedAt, JsonNode result,
                  String reason) {
    }

    void submit(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of());
        if (async == null) {
            throw ApiError.unavailable("asynchronous predictions are not enabled on this node");
        }
        var batch = PredictionBatch.parse(ctx.body());
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
        QueryParams.only(ctx, java.util.Set.of());
        String raw = ctx.pathParam("trackingId");
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("trackingId", "trackingId must be a UUID, got '" + Limit.truncate(raw) + "'");
        }
        // Expired on read past the TTL where the queue runs; elsewhere reported as stored.
        PredictionRequests.Found found = (async != null ? async.find(id) : store.find(id, NO_TTL)).orElseThrow(() -> ApiError.notFound(
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
