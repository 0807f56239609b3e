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
 *
 * <ul>
 *   <li>{@code userId}, {@code trackId}: 1..{@value #MAX_KEY} characters, no control characters</li>
 *   <li>{@code timestamp}: ISO-8601 with an offset, kept to the millisecond, from 2000-01-01T00:00:00Z to one day
 *       after now (a play about to start may be scored; a year-200000 one is not)</li>
 *   <li>at most {@value #MAX_DAYS} distinct UTC days per batch: features are computed per day (a few window
 *       queries each), so this bounds the warehouse work one request causes to about {@value #MAX_DAYS} × 4
 *       queries, whatever the batch. More days → 422 {@code too_much_work} naming {@code timestamp} and the first
 *       item over the limit; split the batch by day</li>
 * </ul>
 * The first bad item answers 400 with its index and field; more than {@value CompletionPredictions#MAX_BATCH}
 * items answers 413. Echoed input is truncated.
 */
final class PredictionBatch {
    static final int MAX_KEY = 256;
    static final int MAX_DAYS = 31;
    static final Instant MIN_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionBatch() {
    }

    static List<CompletionPredictions.Request> parse(String body) {
        return parse(body, Instant.now());
    }

    /** An unknown user or track of item {@code e.index()}: 400 naming it, the key truncated. */
    static ApiError unknownKey(List<CompletionPredictions.Request> batch, CompletionPredictions.UnknownKey e) {
        CompletionPredictions.Request r = batch.get(e.index());
        boolean user = "userId".equals(e.field());
        return ApiError.badItem(e.index(), e.field(), "item " + e.index() + ": unknown " + (user ? "user" : "track")
                + " '" + Limit.truncate(user ? r.userKey() : r.trackKey()) + "'");
    }

    static List<CompletionPredictions.Request> parse(String body, Instant now) {
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
        java.util.Set<Long> days = new java.util.HashSet<>();
        Instant latest = now.plus(java.time.Duration.ofDays(1));
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw ApiError.badItem(i, "item", "item " + i + " must be an object {userId, trackId, timestamp}");
            }
            Instant ts = timestamp(item, i);
            if (ts.isBefore(MIN_TIMESTAMP) || ts.isAfter(latest)) {
                throw ApiError.badItem(i, "timestamp", "item " + i + ": timestamp must be between " + MIN_TIMESTAMP
                        + " and one day after now, got " + Limit.truncate(ts.toString()));
            }
            if (days.add(Math.floorDiv(ts.toEpochMilli(), 86_400_000L)) && days.size() > MAX_DAYS) {
                throw ApiError.tooMuchWork(i, "timestamp", "item " + i + ": a batch may span at most " + MAX_DAYS
                        + " distinct UTC days; split it by day");
            }
            batch.add(new CompletionPredictions.Request(key(item, i, "userId"), key(item, i, "trackId"), ts));
        }
        return batch;
    }

    private static String key(JsonNode item, int i, String field) {
        JsonNode v = item.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiError.badItem(i, field, "item " + i + ": " + field + " must be a non-empty string");
        }
        String key = v.asText();
        if (key.length() > MAX_KEY || key.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badItem(i, field, "item " + i + ": " + field + " must be 1 to " + MAX_KEY
                    + " characters without control characters");
        }
        return key;
    }

    private static Instant timestamp(JsonNode item, int i) {
        JsonNode v = item.get("timestamp");
        if (v == null || !v.isTextual()) {
            throw ApiError.badItem(i, "timestamp", "item " + i + ": timestamp must be an ISO-8601 string like "
                    + "2026-11-24T18:30:00Z");
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiError.badItem(i, "timestamp", "item " + i + ": timestamp must be ISO-8601 with an offset, like "
                    + "2026-11-24T18:30:00Z; got '" + Limit.truncate(v.asText()) + "'");
        }
    }
}
