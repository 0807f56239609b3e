package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * A publish that takes its time, run in its own JVM by {@code KilledPublishTest} so that the test can
 * {@code kill -9} it half-way: {@code SlowPublish <endpoint> <prefix> <runId> <users>}. Prints {@code added N}
 * every 500 users.
 */
public final class SlowPublish {
    private SlowPublish() {
    }

    public static void main(String[] args) throws InterruptedException {
        DynamoDbClient client = DynamoClients.create(URI.create(args[0]), null);
        DynamoTables tables = new DynamoTables(args[1]);
        int users = Integer.parseInt(args[3]);
        RunPublisher publisher = new RunPublisher(client, tables, 2, 5);
        try (RunPublisher.Session session = publisher.open(TestRuns.run(args[2]))) {
            for (int u = 0; u < users; u++) {
                session.add(TestRuns.user(u, "killed", 10));
                if (u % 25 == 24) {
                    Thread.sleep(5);
                }
                if (u % 500 == 499) {
                    System.out.println("added " + (u + 1));
                    System.out.flush();
                }
            }
            session.cacheTier("hot", TestRuns.tier(100, "killed"));
            session.commit();
            System.out.println("committed");
        }
    }
}
