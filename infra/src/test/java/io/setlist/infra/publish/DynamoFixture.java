package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.embedded.LocalDynamo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One in-memory dynalite per test JVM, shared by the publish tests (each uses its own table prefix). */
final class DynamoFixture {
    private static LocalDynamo dynamo;
    private static DynamoDbClient client;

    private DynamoFixture() {
    }

    static synchronized LocalDynamo server() {
        if (dynamo == null) {
            dynamo = LocalDynamo.startEphemeral(LocalDynamo.defaultDynaliteDir());
            client = DynamoClients.create(dynamo.endpoint(), null);
            LocalDynamo started = dynamo;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return dynamo;
    }

    static synchronized DynamoDbClient client() {
        server();
        return client;
    }
}
