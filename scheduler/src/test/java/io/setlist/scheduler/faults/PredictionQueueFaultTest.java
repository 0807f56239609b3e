package io.setlist.scheduler.faults;

import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.scheduler.queue.PredictionQueue;
import io.setlist.scheduler.queue.PredictionWorkers;
import io.setlist.scheduler.queue.QueueFixture;
import io.setlist.scheduler.queue.WorkerNodeMain;
import io.setlist.sql.predictions.PredictionRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prediction queue under faults, with a real RabbitMQ and PostgreSQL: the broker restarted with messages
 * queued loses none, and workers killed with {@code kill -9} mid-batch leave every request scored exactly once.
 */
@Tag("fault")
class PredictionQueueFaultTest {
    @TempDir
    static Path home;
    private static QueueFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new QueueFixture(home);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private List<UUID> submit(PredictionQueue queue, int n) {
        AsyncPredictions async = new AsyncPredictions(queue, fx.store, Duration.ofHours(1), Duration.ofSeconds(60));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(async.submit(fx.items.subList(0, 1 + i % fx.items.size())));
        }
        return ids;
    }

    private static long items(int n, int size) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += 1 + i % size;
        }
        return total;
    }

    @Test
    void brokerRestartedWithMessagesQueuedLosesNone() throws Exception {
        List<UUID> ids;
        try (PredictionQueue queue = PredictionQueue.connect(fx.rabbit.uri(), 3, "restart-1")) {
            ids = submit(queue, 20);
        }
        fx.rabbit = fx.rabbit.restart();
        try (PredictionQueue queue = PredictionQueue.connect(fx.rabbit.uri(), 3, "restart-2")) {
            assertThat(queue.depth(PredictionQueue.QUEUE).messages()).isEqualTo(20);
            AsyncPredictions async = new AsyncPredictions(queue, fx.store, Duration.ofHours(1), Duration.ofSeconds(60));
            try (PredictionWorkers ignored = PredictionWorkers.start(queue, 2, 4, Duration.ofHours(1), fx.store,
                    fx.predictions)) {
                for (UUID id : ids) {
                    assertThat(QueueFixture.await(async, id).status()).as(id.toString())
                            .isEqualTo(PredictionRequests.Status.DONE);
                }
            }
        }
    }

    @Test
    void workerKilledMidBatchLeavesEveryRequestScoredOnce() throws Exception {
        int n = 150;
        long loggedBefore = fx.count("SELECT count(*) FROM prediction_log");
        try (PredictionQueue queue = PredictionQueue.connect(fx.rabbit.uri(), 3, "kill")) {
            List<UUID> ids = submit(queue, n);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    WorkerNodeMain.class.getName(), fx.config.warehouse().jdbcUrl(), fx.config.warehouse().jdbcUser(),
                    fx.rabbit.uri().toString(), "2")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null && !line.equals("ready")) {
                    // skip the child's log lines
                }
                assertThat(line).isEqualTo("ready");
                long deadline = System.currentTimeMillis() + 60_000;
                while (fx.count("SELECT count(*) FROM prediction_requests WHERE status = 'DONE'") < 10
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no ack, no rollback but the server's own
                child.waitFor();
            }
            long doneAtKill = fx.count("SELECT count(*) FROM prediction_requests WHERE status = 'DONE'");
            assertThat(doneAtKill).as("killed mid-batch").isGreaterThanOrEqualTo(10).isLessThan(n);

            AsyncPredictions async = new AsyncPredictions(queue, fx.store, Duration.ofHours(1), Duration.ofSeconds(60));
            try (PredictionWorkers ignored = PredictionWorkers.start(queue, 2, 4, Duration.ofHours(1), fx.store,
                    fx.predictions)) {
                for (UUID id : ids) {
                    assertThat(QueueFixture.await(async, id).status()).as(id.toString())
                            .isEqualTo(PredictionRequests.Status.DONE);
                }
            }
        }
        // Exactly once: one log row per item of every request, none scored twice by a redelivery.
        assertThat(fx.count("SELECT count(*) FROM prediction_log") - loggedBefore)
                .isEqualTo(items(n, fx.items.size()));
        assertThat(fx.count("SELECT count(*) FROM prediction_requests WHERE status = 'DONE' AND attempts = 1"))
                .isEqualTo(fx.count("SELECT count(*) FROM prediction_requests WHERE status = 'DONE'"));
    }
}
