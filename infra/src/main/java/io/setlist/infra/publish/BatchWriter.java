package io.setlist.infra.publish;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes items with {@code BatchWriteItem}, at most 25 per call, retrying unprocessed items and throttling errors
 * with capped exponential backoff and full jitter. After {@code maxAttempts} the batch fails loudly: a run with a
 * missing item must never be made current.
 */
public final class BatchWriter {
    public static final int MAX_BATCH = 25;

    private final DynamoDbClient client;
    private final int maxAttempts;
    private final long baseBackoffMillis;
    private final long maxBackoffMillis;
    private final AtomicLong retries = new AtomicLong();

    public BatchWriter(DynamoDbClient client, int maxAttempts, long baseBackoffMillis, long maxBackoffMillis) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.baseBackoffMillis = baseBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    /** Puts {@code items} (≤ 25) into {@code table}; returns only when every one is written. */
    public void put(String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> requests = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        write(table, requests);
    }

    /** Deletes the items with these {@code keys} (≤ 25) from {@code table}; returns when every one is deleted. */
    public void delete(String table, List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> requests = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : keys) {
            requests.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
        }
        write(table, requests);
    }

    private void write(String table, List<WriteRequest> requests) {
        if (requests.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds at most 25 items, got " + requests.size());
        }
        List<WriteRequest> pending = new ArrayList<>(requests);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            try {
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(table, pending))
                        .overrideConfiguration(io.setlist.infra.dynamo.DynamoClients.BULK));
                List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
                if (unprocessed.isEmpty()) {
                    return;
                }
                pending.clear();
                pending.addAll(unprocessed);
            } catch (DynamoDbException e) {
                if (!retryable(e) || attempt >= maxAttempts) {
                    throw new PublishFailedException("BatchWriteItem on " + table + " failed after " + attempt
                            + " attempt(s): " + e.getMessage(), e);
                }
            }
            if (attempt >= maxAttempts) {
                throw new PublishFailedException(pending.size() + " item(s) still unprocessed on " + table
                        + " after " + attempt + " attempts");
            }
            retries.incrementAndGet();
            sleep(backoffMillis(attempt));
        }
    }

    /** Full jitter: uniform in [0, min(cap, base·2^attempt)], which spreads retrying writers apart. */
    long backoffMillis(int attempt) {
        long ceiling = Math.min(maxBackoffMillis, baseBackoffMillis << Math.min(attempt, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static boolean retryable(DynamoDbException e) {
        if (e.isThrottlingException() || e.statusCode() >= 500) {
            return true;
        }
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "ProvisionedThroughputExceededException".equals(code) || "RequestLimitExceeded".equals(code)
                || "ThrottlingException".equals(code);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while backing off", e);
        }
    }

    /** How many times a batch was retried, for the run ledger and metrics. */
    public long retries() {
        return retries.get();
    }
}
