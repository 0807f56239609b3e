package io.setlist.infra.testing;

import io.setlist.infra.dynamo.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.Map;
import java.util.TreeMap;

/** Counts what is really stored, by scanning: items per run id in the recommendations table. */
public final class RunItems {
    private RunItems() {
    }

    public static Map<String, Long> recommendationsPerRun(DynamoDbClient client, DynamoTables tables) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(tables.recommendations())
                    .projectionExpression("run_id");
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            page.items().forEach(i -> counts.merge(i.get("run_id").s(), 1L, Long::sum));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return counts;
    }
}
