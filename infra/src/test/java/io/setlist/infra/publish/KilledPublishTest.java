package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.infra.testing.RunItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publish in another JVM is killed with SIGKILL half-way ({@link Process#destroyForcibly()}): no shutdown hook,
 * no close. Readers stay on the previous run, the next run publishes cleanly, and cleanup removes the debris.
 */
class KilledPublishTest {
    private static final int USERS = 20_000;

    @Test
    void aPublishKilledHalfWayLeavesReadersOnThePreviousRunAndTheNextRunCompletes() throws Exception {
        DynamoDbClient client = DynamoFixture.client();
        DynamoTables tables = new DynamoTables("killed");
        tables.ensure(client);
        RunPublisher publisher = new RunPublisher(client, tables, 4, 8);
        TestRuns.publish(publisher, "2026-11-01.a", "previous", 300, 10, 50);

        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowPublish.class.getName(), DynamoFixture.server().endpoint().toString(), "killed", "2026-11-02.a",
                Integer.toString(USERS))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.add(line);
                if (line.equals("added 3000")) {
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(output).as("the child's output").contains("added 3000").doesNotContain("committed");
        assertThat(child.exitValue()).isEqualTo(137);

        Map<String, Long> stored = RunItems.recommendationsPerRun(client, tables);
        assertThat(stored.get("2026-11-02.a")).as("items the killed publish wrote").isBetween(1L, USERS - 1L);
        PublishedRuns reader = new PublishedRuns(client, tables);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-01.a");
        assertThat(reader.recommendations("2026-11-01.a", "u7").orElseThrow().items().get(0).name())
                .isEqualTo("previous artist 1");

        RunPublisher.Report next = TestRuns.publish(publisher, "2026-11-03.a", "next", 300, 10, 50);
        assertThat(next.users()).isEqualTo(300);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo("2026-11-03.a");
        assertThat(reader.recommendations("2026-11-03.a", "u7").orElseThrow().items().get(0).name())
                .isEqualTo("next artist 1");

        RunCleanup.Report cleaned = new RunCleanup(client, tables).run(1, Duration.ofDays(1));
        assertThat(cleaned.runsDeleted()).containsExactly("2026-11-01.a", "2026-11-02.a");
        assertThat(RunItems.recommendationsPerRun(client, tables)).containsOnlyKeys("2026-11-03.a")
                .containsEntry("2026-11-03.a", 300L);
    }
}
