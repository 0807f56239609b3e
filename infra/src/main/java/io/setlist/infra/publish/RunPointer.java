package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one item that says which run readers see. Moving it is the commit point of a publish: a conditional write
 * that only succeeds from the run the publisher expected, so two publishers can never interleave and a late,
 * older publish cannot move readers back.
 */
public final class RunPointer {
    /** Recommendations and cache priorities flip together: readers never mix two runs. */
    public static final String DATASET = "daily";

    private final DynamoDbClient client;
    private final DynamoTables tables;

    public RunPointer(DynamoDbClient client, DynamoTables tables) {
        this.client = client;
        this.tables = tables;
    }

    public Optional<CurrentRun> current() {
        GetItemResponse response = client.getItem(b -> b.tableName(tables.runs())
                .key(Map.of("dataset", AttributeValue.fromS(DATASET)))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new CurrentRun(
                item.get("run_id").s(),
                LocalDate.parse(item.get("business_date").s()),
                Instant.parse(item.get("generated_at").s()),
                Long.parseLong(item.get("users").n()),
                item.get("tiers").l().stream().map(AttributeValue::s).toList()));
    }

    /**
     * Points readers at {@code next}, provided the pointer still names {@code expectedRunId} (or is absent when
     * that is {@code null}).
     *
     * @throws ConcurrentPublishException when another publisher moved the pointer meanwhile
     */
    public void moveTo(CurrentRun next, String expectedRunId) {
        if (expectedRunId != null && next.runId().compareTo(expectedRunId) < 0) {
            throw new ConcurrentPublishException("run " + next.runId() + " is older than the current run "
                    + expectedRunId + ": the pointer only moves forward");
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("dataset", AttributeValue.fromS(DATASET));
        item.put("run_id", AttributeValue.fromS(next.runId()));
        item.put("business_date", AttributeValue.fromS(next.businessDate().toString()));
        item.put("generated_at", AttributeValue.fromS(next.generatedAt().toString()));
        item.put("users", AttributeValue.fromN(Long.toString(next.users())));
        item.put("tiers", AttributeValue.fromL(next.tiers().stream().map(AttributeValue::fromS).toList()));
        try {
            if (expectedRunId == null) {
                // The commit of a publish that took minutes: it waits for a slow store rather than fail on it.
                client.putItem(b -> b.tableName(tables.runs()).item(item)
                        .conditionExpression("attribute_not_exists(run_id)")
                        .overrideConfiguration(DynamoClients.BULK));
            } else {
                client.putItem(b -> b.tableName(tables.runs()).item(item)
                        .conditionExpression("run_id = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromS(expectedRunId)))
                        .overrideConfiguration(DynamoClients.BULK));
            }
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentPublishException("the run pointer no longer names " + expectedRunId
                    + "; another publish moved it. Run " + next.runId() + " was written but not made current.", e);
        }
    }
}
