package io.setlist.lab.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Counts the items a run really has in a table, by a parallel scan: the "0 items lost" check of a benchmark. */
public final class StoredItems {
    private StoredItems() {
    }

    public static long count(DynamoDbClient client, String table, String runAttribute, String runId, int segments)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                parts.add(pool.submit(() -> countSegment(client, table, runAttribute, runId, segment, segments)));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long countSegment(DynamoDbClient client, String table, String runAttribute, String runId,
                                     int segment, int segments) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).select(Select.COUNT)
                    .segment(segment).totalSegments(segments)
                    .filterExpression("#run = :run")
                    .expressionAttributeNames(Map.of("#run", runAttribute))
                    .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runId)))
                    .overrideConfiguration(io.setlist.infra.dynamo.DynamoClients.BULK);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }
}
