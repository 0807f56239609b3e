package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.infra.store.PublishedRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunPublisherTest {
    private static LocalDynamo dynamo;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.startEphemeral(LocalDynamo.defaultDynaliteDir());
        client = DynamoClients.create(dynamo.endpoint(), null);
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    private static List<UserRecommendations> users(int n, String tag) {
        List<UserRecommendations> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            List<RecommendedArtist> items = new ArrayList<>();
            for (int r = 1; r <= 5; r++) {
                items.add(new RecommendedArtist(r, "a" + (u + r), tag + " artist " + r, 1.0 / r));
            }
            out.add(new UserRecommendations("u" + u, "neighbours", items));
        }
        return out;
    }

    private static Map<String, List<CachePriority>> tiers(int n) {
        List<CachePriority> hot = new ArrayList<>();
        for (int r = 1; r <= n; r++) {
            hot.add(new CachePriority(r, "t" + r, 0.5, 1.0 / r));
        }
        return Map.of("hot", hot);
    }

    @Test
    void aRunBecomesVisibleOnlyWhenCompleteAndAFailedRunLeavesThePreviousOneCurrent() {
        DynamoTables tables = new DynamoTables("pubtest");
        tables.ensure(client);
        RunPublisher publisher = new RunPublisher(client, tables, 4, 3);
        PublishedRuns reader = new PublishedRuns(client, tables);
        assertThat(reader.currentRun()).isEmpty();

        CurrentRun first = new CurrentRun("2026-11-01.a", LocalDate.parse("2026-11-01"), Instant.parse("2026-11-02T03:00:00Z"), 0, List.of());
        RunPublisher.Report report = publish(publisher, first, users(120, "first"), tiers(1_234));
        assertThat(report.users()).isEqualTo(120);
        assertThat(report.cacheEntries()).isEqualTo(1_234);
        CurrentRun current = reader.currentRun().orElseThrow();
        assertThat(current.runId()).isEqualTo("2026-11-01.a");
        assertThat(current.users()).isEqualTo(120);
        assertThat(reader.recommendations(current.runId(), "u7").orElseThrow().items()).hasSize(5)
                .first().extracting(RecommendedArtist::name).isEqualTo("first artist 1");
        List<CachePriority> hot = reader.cachePriorities(current.runId(), "hot", 1_000).orElseThrow();
        assertThat(hot).hasSize(1_000);
        assertThat(hot.get(999).rank()).isEqualTo(1_000);
        assertThat(reader.cachePriorities(current.runId(), "cold", 10)).isEmpty();

        // A second run dies after 60 users: items were written under its id, but the pointer did not move.
        CurrentRun second = new CurrentRun("2026-11-02.a", LocalDate.parse("2026-11-02"), Instant.parse("2026-11-03T03:00:00Z"), 0, List.of());
        try (RunPublisher.Session dying = publisher.open(second)) {
            users(120, "second").subList(0, 60).forEach(dying::add);
        }
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
        assertThat(reader.recommendations("2026-11-01.a", "u7").orElseThrow().items().get(0).name())
                .isEqualTo("first artist 1");

        // Re-running it completes and flips; re-publishing the same run again is idempotent.
        publish(publisher, second, users(120, "second"), tiers(10));
        publish(publisher, second, users(120, "second"), tiers(10));
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-02.a");
        assertThat(reader.recommendations("2026-11-02.a", "u7").orElseThrow().items().get(0).name())
                .isEqualTo("second artist 1");

        // The pointer never moves back to an older run.
        assertThatThrownBy(() -> publish(publisher, first, users(1, "late"), tiers(1)))
                .isInstanceOf(ConcurrentPublishException.class);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-02.a");
    }

    private static RunPublisher.Report publish(RunPublisher publisher, CurrentRun run, List<UserRecommendations> users,
                                               Map<String, List<CachePriority>> tiers) {
        try (RunPublisher.Session session = publisher.open(run)) {
            users.forEach(session::add);
            tiers.forEach(session::cacheTier);
            return session.commit();
        }
    }
}
