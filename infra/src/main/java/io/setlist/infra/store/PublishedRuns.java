package io.setlist.infra.store;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.ItemCodec;
import io.setlist.infra.publish.RunPointer;
import io.setlist.infra.publish.UserRecommendations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the published run: what app servers and the cache tier see. Every read names the run id it reads, so
 * items of a run that is not current (half-written, or old and not yet expired) are never served.
 */
public final class PublishedRuns {
    private final DynamoDbClient client;
    private final DynamoTables tables;
    private final RunPointer pointer;

    public PublishedRuns(DynamoDbClient client, DynamoTables tables) {
        this.client = client;
        this.tables = tables;
        this.pointer = new RunPointer(client, tables);
    }

    /** Reads whole runs with {@code segments} parallel scan segments (the API's in-memory snapshot). */
    public RunScan scan(int segments) {
        return new RunScan(client, tables, segments);
    }

    public Optional<CurrentRun> currentRun() {
        return pointer.current();
    }

    public Optional<UserRecommendations> recommendations(String runId, String userKey) {
        GetItemResponse response = client.getItem(b -> b.tableName(tables.recommendations())
                .key(Map.of("user_key", AttributeValue.fromS(userKey), "run_id", AttributeValue.fromS(runId))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ItemCodec.recommendations(response.item()));
    }

    /** A user's item of run {@code runId} in its stored, packed form (for caches). */
    public Optional<ItemCodec.PackedUser> packedRecommendations(String runId, String userKey) {
        GetItemResponse response = client.getItem(b -> b.tableName(tables.recommendations())
                .key(Map.of("user_key", AttributeValue.fromS(userKey), "run_id", AttributeValue.fromS(runId))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ItemCodec.packedUser(response.item())
                .orElseGet(() -> ItemCodec.pack(ItemCodec.recommendations(response.item()))));
    }

    /** Page {@code page} ({@link ItemCodec#CACHE_PAGE} entries) of a tier's list in run {@code runId}. */
    public Optional<List<CachePriority>> cachePage(String runId, String tier, int page) {
        GetItemResponse response = client.getItem(b -> b.tableName(tables.cachePriorities())
                .key(Map.of("tier", AttributeValue.fromS(tier),
                        "run_page", AttributeValue.fromS(ItemCodec.pageKey(runId, page)))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ItemCodec.cacheEntries(response.item()));
    }

    /** The first {@code limit} entries of a tier's list in run {@code runId}; empty when the tier has none. */
    public Optional<List<CachePriority>> cachePriorities(String runId, String tier, int limit) {
        List<CachePriority> out = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        boolean found = false;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tables.cachePriorities())
                    .keyConditionExpression("tier = :tier AND begins_with(run_page, :run)")
                    .expressionAttributeValues(Map.of(":tier", AttributeValue.fromS(tier),
                            ":run", AttributeValue.fromS(runId + "#")))
                    .limit(Math.max(1, (limit + ItemCodec.CACHE_PAGE - 1) / ItemCodec.CACHE_PAGE));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page = client.query(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                found = true;
                for (CachePriority entry : ItemCodec.cacheEntries(item)) {
                    if (out.size() == limit) {
                        return Optional.of(out);
                    }
                    out.add(entry);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && out.size() < limit);
        return found ? Optional.of(out) : Optional.empty();
    }
}
