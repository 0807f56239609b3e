package io.setlist.infra.dynamo;

import io.setlist.infra.publish.ItemCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

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
    private static final Logger LOG = LoggerFactory.getLogger(DynamoTables.class);

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

    /**
     * Creates the tables that are missing (on-demand billing), waits until they are active, and turns on TTL
     * ({@code expires_at}) for the two item tables.
     */
    public void ensure(DynamoDbClient client) {
        create(client, recommendations(), "user_key", "run_id");
        create(client, cachePriorities(), "tier", "run_page");
        create(client, runs(), "dataset", null);
        enableTtl(client, recommendations());
        enableTtl(client, cachePriorities());
    }

    /**
     * TTL is a backstop: {@code RunCleanup} removes old runs explicitly, and readers never serve a run that is not
     * current whether TTL deleted it or not. Local servers may not implement TTL (dynalite answers
     * UnknownOperationException to UpdateTimeToLive); that is logged, and items still carry the attribute.
     */
    private static void enableTtl(DynamoDbClient client, String table) {
        try {
            TimeToLiveStatus status = client.describeTimeToLive(b -> b.tableName(table).overrideConfiguration(DynamoClients.BULK))
                    .timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                return;
            }
            client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.enabled(true)
                    .attributeName(ItemCodec.TTL_ATTRIBUTE)).overrideConfiguration(DynamoClients.BULK));
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("UnknownOperationException".equals(code)) {
                LOG.warn("this DynamoDB endpoint does not implement TimeToLive ({}); items of {} still carry {}, "
                        + "and old runs are removed by the cleanup job", code, table, ItemCodec.TTL_ATTRIBUTE);
            } else {
                throw e;
            }
        }
    }

    private static void create(DynamoDbClient client, String table, String hash, String range) {
        try {
            // Table administration is slow on some servers (dynalite creates tables lazily): bulk bounds.
            client.describeTable(b -> b.tableName(table).overrideConfiguration(DynamoClients.BULK));
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
                    .overrideConfiguration(DynamoClients.BULK)
                    .build());
        } catch (ResourceInUseException raced) {
            // another node created it meanwhile
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(table).overrideConfiguration(DynamoClients.BULK));
    }
}
