package io.setlist.infra.faults;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.PublishFailedException;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.infra.testing.RunItems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DynamoDB server (dynalite, persistent on disk) is killed with SIGKILL half-way through a publish: the
 * publish fails with an error naming the run, the pointer still names the last complete run after a restart, and
 * publishing the same run again completes it.
 */
@Tag("fault")
class DynamoKilledDuringPublishFaultTest {
    private static final int USERS = 2_000;

    @TempDir
    Path home;

    @Test
    void aPublishWhoseServerDiesLeavesThePointerOnTheLastCompleteRunAndARerunPublishes() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalDynamo dynamo = LocalDynamo.startPersistent(LocalDynamo.defaultDynaliteDir(), home, port);
        try {
            DynamoTables tables = new DynamoTables("fault");
            DynamoDbClient client = DynamoClients.create(dynamo.endpoint(), null);
            tables.ensure(client);
            publish(new RunPublisher(client, tables, 4, 3), "2026-11-01.a", 200, -1, null);

            LocalDynamo dying = dynamo;
            assertThatThrownBy(() -> publish(new RunPublisher(client, tables, 4, 3), "2026-11-02.b", USERS, 500,
                    dying::kill))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("2026-11-02.b");

            dynamo = LocalDynamo.startPersistent(LocalDynamo.defaultDynaliteDir(), home, port);
            DynamoDbClient again = DynamoClients.create(dynamo.endpoint(), null);
            PublishedRuns reader = new PublishedRuns(again, tables);
            assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
            assertThat(reader.recommendations("2026-11-01.a", "u7").orElseThrow().items()).hasSize(3);

            publish(new RunPublisher(again, tables, 4, 3), "2026-11-02.b", USERS, -1, null);
            assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-02.b");
            assertThat(RunItems.recommendationsPerRun(again, tables)).containsEntry("2026-11-02.b", (long) USERS)
                    .containsEntry("2026-11-01.a", 200L);
        } finally {
            dynamo.close();
        }
    }

    /** Publishes {@code users} users; after {@code killAfter} of them (unless negative), runs {@code kill}. */
    private static void publish(RunPublisher publisher, String runId, int users, int killAfter, Runnable kill)
            throws InterruptedException {
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)),
                Instant.parse("2026-11-02T03:00:00Z"), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            for (int u = 0; u < users; u++) {
                if (u == killAfter) {
                    kill.run();
                }
                List<RecommendedArtist> items = List.of(new RecommendedArtist(1, "a" + u, runId + " one", 1.0),
                        new RecommendedArtist(2, "b" + u, runId + " two", 0.5),
                        new RecommendedArtist(3, "c" + u, runId + " three", 0.25));
                session.add(new UserRecommendations("u" + u, "neighbours", items));
                if (killAfter >= 0 && u % 50 == 49) {
                    Thread.sleep(5); // the writers have batches in flight when the server dies
                }
            }
            session.commit();
        }
    }
}
