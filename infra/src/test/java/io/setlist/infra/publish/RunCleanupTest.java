package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.infra.testing.RunItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TTL attributes, cleanup of all but the last K runs, and idempotent re-publishing. */
class RunCleanupTest {
    @Test
    void cleanupKeepsTheLastKRunsAndReadersOnlyEverSeeTheCurrentOne() {
        DynamoDbClient client = DynamoFixture.client();
        DynamoTables tables = new DynamoTables("cleanup");
        tables.ensure(client);
        tables.ensure(client); // a second start finds everything in place (and TTL "enabled" or unsupported)
        RunPublisher publisher = new RunPublisher(client, tables, 4, 5, Duration.ofDays(9));
        for (int day = 1; day <= 4; day++) {
            // Each day has fewer users: u(60 - 10·day)… exist only in older runs.
            TestRuns.publish(publisher, "2026-11-0" + day + ".a", "day" + day, 60 - 10 * day, 4, 700);
        }
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tables.recommendations())
                .key(Map.of("user_key", AttributeValue.fromS("u1"), "run_id", AttributeValue.fromS("2026-11-04.a"))))
                .item();
        long expected = TestRuns.run("2026-01-01.x").generatedAt().plus(Duration.ofDays(9)).getEpochSecond();
        assertThat(item.get(ItemCodec.TTL_ATTRIBUTE).n()).isEqualTo(Long.toString(expected));

        PublishedRuns reader = new PublishedRuns(client, tables);
        // u25 exists in days 1 and 2 only: old items are stored, but never served for the current run.
        assertThat(reader.recommendations("2026-11-04.a", "u25")).isEmpty();
        assertThat(reader.recommendations("2026-11-01.a", "u25")).isPresent();

        // Re-publishing the current run rewrites the same keys: no duplicates, same content.
        TestRuns.publish(publisher, "2026-11-04.a", "day4", 20, 4, 700);
        assertThat(RunItems.recommendationsPerRun(client, tables)).containsEntry("2026-11-04.a", 20L);

        RunCleanup.Report report = new RunCleanup(client, tables).run(2, Duration.ofDays(1));
        assertThat(report.runsKept()).containsExactly("2026-11-03.a", "2026-11-04.a");
        assertThat(report.runsDeleted()).containsExactly("2026-11-01.a", "2026-11-02.a");
        assertThat(report.itemsDeleted()).isEqualTo(50 + 40 + 2 * 2); // users + two cache pages per run
        assertThat(RunItems.recommendationsPerRun(client, tables)).containsOnlyKeys("2026-11-03.a", "2026-11-04.a");
        assertThat(reader.cachePriorities("2026-11-01.a", "hot", 10)).isEmpty();
        assertThat(reader.cachePriorities("2026-11-04.a", "hot", 1000).orElseThrow()).hasSize(700);
        assertThat(new RunCleanup(client, tables).run(2, Duration.ofDays(1)).itemsDeleted()).isZero();
        assertThatThrownBy(() -> new RunCleanup(client, tables).run(0, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
