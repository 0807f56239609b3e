package io.setlist.infra.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real DynamoDB client that misbehaves like a throttled table: {@code BatchWriteItem} randomly throws a
 * throttling error before writing, writes only part of a batch and hands the rest back as {@code UnprocessedItems},
 * or writes everything and then fails with a 500 (so the retry rewrites items that are already there). Every other
 * call passes through unchanged. {@link #dieAtBatch} makes one call throw an {@link Error} instead.
 */
public final class FaultyDynamoDb implements DynamoDbClient {
    private final DynamoDbClient real;
    private final double throttle;
    private final double partial;
    private final double failAfterWrite;
    private final Random random;
    public final AtomicLong throttled = new AtomicLong();
    public final AtomicLong partials = new AtomicLong();
    public final AtomicLong failedAfterWrite = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long errorAtBatch = -1;
    private volatile Error error;

    /** From now on, the {@code n}-th {@code BatchWriteItem} (counting from 1) throws {@code error} (a thread dies). */
    public FaultyDynamoDb dieAtBatch(long n, Error error) {
        this.error = error;
        this.errorAtBatch = batches.get() + n;
        return this;
    }

    public FaultyDynamoDb(DynamoDbClient real, double throttle, double partial, double failAfterWrite, long seed) {
        this.real = real;
        this.throttle = throttle;
        this.partial = partial;
        this.failAfterWrite = failAfterWrite;
        this.random = new Random(seed);
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    private synchronized int below(int n) {
        return random.nextInt(n);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        if (batches.incrementAndGet() == errorAtBatch) {
            throw error;
        }
        if (roll() < throttle) {
            throttled.incrementAndGet();
            throw ProvisionedThroughputExceededException.builder().message("injected throttling").statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("injected throttling").build())
                    .build();
        }
        if (roll() < partial) {
            partials.incrementAndGet();
            Map<String, List<WriteRequest>> written = new HashMap<>();
            Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
            request.requestItems().forEach((table, writes) -> {
                int cut = below(writes.size());
                if (cut > 0) {
                    written.put(table, new ArrayList<>(writes.subList(0, cut)));
                }
                unprocessed.put(table, new ArrayList<>(writes.subList(cut, writes.size())));
            });
            if (!written.isEmpty()) {
                real.batchWriteItem(b -> b.requestItems(written)
                        .overrideConfiguration(request.overrideConfiguration().orElse(null)));
            }
            return BatchWriteItemResponse.builder().unprocessedItems(unprocessed).build();
        }
        BatchWriteItemResponse response = real.batchWriteItem(request);
        if (roll() < failAfterWrite) {
            failedAfterWrite.incrementAndGet();
            throw (DynamoDbException) DynamoDbException.builder().message("injected failure after the write")
                    .statusCode(500)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build()).build();
        }
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return real.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return real.putItem(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return real.deleteItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return real.query(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return real.scan(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return real.describeTable(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // the real client belongs to the test
    }
}
