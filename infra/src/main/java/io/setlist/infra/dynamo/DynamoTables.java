package io.setlist.infra.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;

/**
 * The three Setlist tables and their keys. Every item of a run carries the run id in its sort key, so a new run
 * is written beside the current one and becomes visible only when {@link RunPointer} moves.
 *
 * <ul>
 *   <li>{@code <prefix>-recommendations}: {@code user_key} (hash) + {@code run_id} (range)</li>
 *   <li>{@code <prefix>-cache-priorities}: {@code tier} (hash) + {@code run_page} = run id, '#', page number</li>
 *   <li>{@code <prefix>-runs}: {@code dataset} (hash) → the current run id</li>
 * </ul>
 */
public record DynamoTables(String prefix) {
    public DynamoTables {
        if (prefix == null || prefix.isBlank() || !prefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("DynamoDB table prefix must match [A-Za-z0-9_.-]+: '" + prefix + "'");
        }
    }

    public String recommendations() {
        return prefix + "-recommendations";
    }

    public String cachePriorities() {
        return prefix + "-cache-priorities";
    }

    public String runs() {
        return prefix + "-runs";
    }

    /** Creates the tables that are missing (on-demand billing) and waits until they are active. */
    public void ensure(DynamoDbClient client) {
        create(client, recommendations(), "user_key", "run_id");
        create(client, cachePriorities(), "tier", "run_page");
        create(client, runs(), "dataset", null);
    }

    private static void create(DynamoDbClient client, String table, String hash, String range) {
        try {
            client.describeTable(b -> b.tableName(table));
            return;
        } catch (ResourceNotFoundException missing) {
            // create it below
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hash).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) {
            attributes.add(AttributeDefinition.builder().attributeName(range).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        }
        try {
            client.createTable(CreateTableRequest.builder()
                    .tableName(table)
                    .attributeDefinitions(attributes)
                    .keySchema(keys)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (ResourceInUseException raced) {
            // another node created it meanwhile
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
    }
}
