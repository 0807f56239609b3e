package io.setlist.scheduler.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.scheduler.predictions.CompletionPredictions;

import java.time.Instant;
import java.util.List;

/**
 * The JSON stored for a request ({@code prediction_requests.items}) and for its result: the result has the shape
 * of {@code POST /v1/predictions}'s answer, so a client reads both paths' answers the same way.
 */
final class RequestCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestCodec() {
    }

    record Item(String userId, String trackId, String timestamp) {
    }

    record Scored(String userId, String trackId, String timestamp, double probability, String trackingId,
                  String variant, int version) {
    }

    record Result(String model, List<Scored> predictions) {
    }

    static String items(List<CompletionPredictions.Request> batch) {
        return write(batch.stream().map(r -> new Item(r.userKey(), r.trackKey(), r.ts().toString())).toList());
    }

    static List<CompletionPredictions.Request> batch(String items) {
        try {
            List<Item> parsed = JSON.readValue(items, new TypeReference<List<Item>>() {
            });
            return parsed.stream().map(i -> new CompletionPredictions.Request(i.userId(), i.trackId(),
                    Instant.parse(i.timestamp()))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request items are not readable: " + e.getOriginalMessage(), e);
        }
    }

    static String result(String model, List<CompletionPredictions.Prediction> scored) {
        return write(new Result(model, scored.stream().map(p -> new Scored(p.request().userKey(),
                p.request().trackKey(), p.request().ts().toString(), p.probability(), p.trackingId().toString(),
                p.variant(), p.version())).toList()));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
