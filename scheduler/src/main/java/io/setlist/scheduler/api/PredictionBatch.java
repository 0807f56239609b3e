package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.scheduler.predictions.CompletionPredictions;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of the prediction routes: a JSON array of 1..{@value CompletionPredictions#MAX_BATCH} items
 * {@code {"userId": "u1", "trackId": "t9", "timestamp": "2026-11-24T18:30:00Z"}} (or {@code {"items": [...]}}).
 * The timestamp is ISO-8601 with an offset, kept to the millisecond. The first bad item answers 400 with its index
 * and field; more than the maximum answers 413.
 */
final class PredictionBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionBatch() {
    }

    static List<CompletionPredictions.Request> parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.badParameter("body", "body must be a JSON array of {userId, trackId, timestamp}");
        }
        JsonNode items = root != null && root.isObject() ? root.get("items") : root;
        if (items == null || !items.isArray()) {
            throw ApiError.badParameter("body", "body must be a JSON array of {userId, trackId, timestamp}");
        }
        if (items.isEmpty()) {
            throw ApiError.badParameter("body", "the batch is empty: send 1 to " + CompletionPredictions.MAX_BATCH
                    + " items");
        }
        if (items.size() > CompletionPredictions.MAX_BATCH) {
            throw ApiError.payloadTooLarge("body", "a batch holds at most " + CompletionPredictions.MAX_BATCH
                    + " items, got " + items.size());
        }
        List<CompletionPredictions.Request> batch = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw ApiError.badItem(i, "item", "item " + i + " must be an object {userId, trackId, timestamp}");
            }
            batch.add(new CompletionPredictions.Request(key(item, i, "userId"), key(item, i, "trackId"),
                    timestamp(item, i)));
        }
        return batch;
    }

    private static String key(JsonNode item, int i, String field) {
        JsonNode v = item.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiError.badItem(i, field, "item " + i + ": " + field + " must be a non-empty string");
        }
        return v.asText();
    }

    private static Instant timestamp(JsonNode item, int i) {
        JsonNode v = item.get("timestamp");
        if (v == null || !v.isTextual()) {
            throw ApiError.badItem(i, "timestamp", "item " + i + ": timestamp must be an ISO-8601 string like "
                    + "2026-11-24T18:30:00Z");
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw ApiError.badItem(i, "timestamp", "item " + i + ": timestamp must be ISO-8601 with an offset, like "
                    + "2026-11-24T18:30:00Z; got '" + Limit.truncate(v.asText()) + "'");
        }
    }
}
