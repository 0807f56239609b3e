package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.infra.testing.FaultyDynamoDb;
import io.setlist.infra.testing.RunItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throttling, partial batches and failures after a write: a publish still writes every item exactly once. */
class FaultInjectedPublishTest {
    private static final int USERS = 2_000;

    @Test
    void aPublishThroughRandomThrottlingAndUnprocessedItemsLosesNothing() {
        DynamoDbClient real = DynamoFixture.client();
        DynamoTables tables = new DynamoTables("faulty");
        tables.ensure(real);
        FaultyDynamoDb faulty = new FaultyDynamoDb(real, 0.2, 0.3, 0.05, 7);
        RunPublisher publisher = new RunPublisher(faulty, tables, 8, 25);

        RunPublisher.Report report = TestRuns.publish(publisher, "2026-11-01.a", "first", USERS, 10, 2_600);

        assertThat(faulty.throttled.get()).isPositive();
        assertThat(faulty.partials.get()).isPositive();
        assertThat(faulty.failedAfterWrite.get()).isPositive();
        assertThat(report.retries()).isGreaterThanOrEqualTo(faulty.throttled.get() + faulty.partials.get());
        assertThat(report.users()).isEqualTo(USERS);
        // Counted by a scan of what is really stored, not by what the publisher believes it wrote.
        assertThat(RunItems.recommendationsPerRun(real, tables)).containsEntry("2026-11-01.a", (long) USERS);
        PublishedRuns reader = new PublishedRuns(real, tables);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
        for (int u = 0; u < USERS; u += 97) {
            assertThat(reader.recommendations("2026-11-01.a", "u" + u).orElseThrow())
                    .isEqualTo(TestRuns.user(u, "first", 10));
        }
        List<CachePriority> hot = reader.cachePriorities("2026-11-01.a", "hot", 10_000).orElseThrow();
        assertThat(hot).isEqualTo(TestRuns.tier(2_600, "first"));
    }

    @Test
    void whenRetriesRunOutThePublishFailsLoudlyAndThePointerStays() {
        DynamoDbClient real = DynamoFixture.client();
        DynamoTables tables = new DynamoTables("throttled");
        tables.ensure(real);
        TestRuns.publish(new RunPublisher(real, tables, 2, 3), "2026-11-01.a", "good", 50, 3, 10);

        FaultyDynamoDb alwaysThrottled = new FaultyDynamoDb(real, 1.0, 0, 0, 3);
        RunPublisher publisher = new RunPublisher(alwaysThrottled, tables, 2, 3);
        assertThatThrownBy(() -> TestRuns.publish(publisher, "2026-11-02.a", "bad", 50, 3, 10))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("after 3 attempt");
        assertThat(new PublishedRuns(real, tables).currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
    }

    @Test
    void aWriterThatDiesOfAnErrorStopsThePointerFromMoving() {
        DynamoDbClient real = DynamoFixture.client();
        DynamoTables tables = new DynamoTables("dying");
        tables.ensure(real);
        TestRuns.publish(new RunPublisher(real, tables, 2, 3), "2026-11-01.a", "good", 200, 3, 10);

        // Not the last batch: the writers that come after it succeed, so only checking every outcome catches it.
        FaultyDynamoDb dying = new FaultyDynamoDb(real, 0, 0, 0, 5).dieAtBatch(3, new OutOfMemoryError("injected"));
        RunPublisher publisher = new RunPublisher(dying, tables, 4, 3);
        assertThatThrownBy(() -> TestRuns.publish(publisher, "2026-11-02.a", "half", 200, 3, 10))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("OutOfMemoryError")
                .hasMessageContaining("pointer stays on 2026-11-01.a")
                .hasRootCauseInstanceOf(OutOfMemoryError.class);

        PublishedRuns reader = new PublishedRuns(real, tables);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
        assertThat(reader.recommendations("2026-11-01.a", "u7").orElseThrow()).isEqualTo(TestRuns.user(7, "good", 3));

        // The same run again, on a client that no longer fails, publishes whole.
        TestRuns.publish(new RunPublisher(real, tables, 4, 3), "2026-11-02.a", "half", 200, 3, 10);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-02.a");
        assertThat(RunItems.recommendationsPerRun(real, tables)).containsEntry("2026-11-02.a", 200L);
    }
}
