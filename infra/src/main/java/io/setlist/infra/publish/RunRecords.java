package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run ever started, one small item {@code run#<runId>} in the runs table beside the pointer: written as
 * {@code writing} before the first item, {@code published} at commit. A publish killed mid-way leaves its record
 * at {@code writing}, which is how {@link RunCleanup} finds the items it left behind.
 */
public final class RunRecords {
    static final String PREFIX = "run#";

    private final DynamoDbClient client;
    private final DynamoTables tables;

    public RunRecords(DynamoDbClient client, DynamoTables tables) {
        this.client = client;
        this.tables = tables;
    }

    public enum State { WRITING, PUBLISHED }

    public record RunRecord(String runId, State state, Instant startedAt) {
    }

    void writing(String runId, Instant now) {
        put(runId, State.WRITING, now);
    }

    void published(String runId, Instant startedAt) {
        put(runId, State.PUBLISHED, startedAt);
    }

    private void put(String runId, State state, Instant startedAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("dataset", AttributeValue.fromS(PREFIX + runId));
        item.put("run_id", AttributeValue.fromS(runId));
        item.put("state", AttributeValue.fromS(state.name()));
        item.put("started_at", AttributeValue.fromS(startedAt.toString()));
        client.putItem(b -> b.tableName(tables.runs()).item(item));
    }

    /** Every record, in no particular order (the runs table holds one small item per run: a scan is cheap). */
    public List<RunRecord> all() {
        List<RunRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(tables.runs()).consistentRead(true)
                    .filterExpression("begins_with(dataset, :prefix)")
                    .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(PREFIX)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                out.add(new RunRecord(item.get("run_id").s(), State.valueOf(item.get("state").s()),
                        Instant.parse(item.get("started_at").s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    void delete(String runId) {
        client.deleteItem(b -> b.tableName(tables.runs()).key(Map.of("dataset", AttributeValue.fromS(PREFIX + runId))));
    }
}
