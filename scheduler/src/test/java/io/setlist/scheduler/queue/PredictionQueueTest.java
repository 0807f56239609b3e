package io.setlist.scheduler.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.embedded.LocalRabbit;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.predictions.PredictionRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue against a real RabbitMQ and a real warehouse with a champion: a request is scored by the synchronous
 * path's code with the same result, once; a poison message ends in the dead-letter queue; an unknown id is not
 * found; an old request expires; stopping the workers waits for the request being scored. Faults:
 * {@code faults.PredictionQueueFaultTest}.
 */
class PredictionQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    private static QueueFixture fx;
    private static List<CompletionPredictions.Request> batch;
    private static CompletionPredictions predictions;
    private static LocalRabbit rabbit;

    @BeforeAll
    static void start() throws Exception {
        fx = new QueueFixture(home);
        batch = fx.items;
        predictions = fx.predictions;
        rabbit = fx.rabbit;
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static PredictionRequests.Found await(AsyncPredictions async, UUID id) throws InterruptedException {
        return QueueFixture.await(async, id);
    }

    private static long count(String sql) throws Exception {
        return fx.count(sql);
    }

    private static PredictionRequests store() {
        return fx.store;
    }

    @Test
    void scoresWithTheSynchronousCodeOnceAndDeadLettersPoison() throws Exception {
        PredictionRequests store = store();
        try (PredictionQueue queue = PredictionQueue.connect(rabbit.uri(), 3, "test");
             PredictionWorkers ignored = PredictionWorkers.start(queue, 2, 4, Duration.ofHours(1), store,
                     predictions)) {
            AsyncPredictions async = new AsyncPredictions(queue, store, Duration.ofHours(1), Duration.ofSeconds(60));
            long logged = count("SELECT count(*) FROM prediction_log");
            UUID id = async.submit(batch);
            PredictionRequests.Found done = await(async, id);
            assertThat(done.status()).isEqualTo(PredictionRequests.Status.DONE);
            JsonNode result = JSON.readTree(done.result());
            List<CompletionPredictions.Prediction> sync = predictions.experiment(batch).orElseThrow();
            assertThat(result.get("predictions")).hasSize(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                assertThat(result.get("predictions").get(i).get("probability").asDouble())
                        .isEqualTo(sync.get(i).probability());
            }
            // the async batch and the sync one: each item logged once per path
            assertThat(count("SELECT count(*) FROM prediction_log")).isEqualTo(logged + 2L * batch.size());

            // A second delivery of a finished request changes nothing.
            queue.publish(id);
            UUID unknownUser = async.submit(List.of(new CompletionPredictions.Request("no-such-user",
                    batch.get(0).trackKey(), Instant.parse("2026-09-21T12:00:00Z"))));
            PredictionRequests.Found failed = await(async, unknownUser);
            assertThat(failed.status()).isEqualTo(PredictionRequests.Status.FAILED);
            assertThat(failed.reason()).contains("unknown user 'no-such-user'");
            assertThat(count("SELECT count(*) FROM prediction_log")).isEqualTo(logged + 2L * batch.size());
            assertThat(async.find(id).orElseThrow().result()).isEqualTo(done.result());

            // A message no worker can process is tried 3 times, then dead-lettered.
            queue.publishRaw("not a tracking id".getBytes(StandardCharsets.UTF_8), "poison");
            long deadline = System.currentTimeMillis() + 30_000;
            while (queue.depth(PredictionQueue.DEAD_LETTERS).messages() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(queue.depth(PredictionQueue.DEAD_LETTERS).messages()).isEqualTo(1);
            assertThat(queue.depth(PredictionQueue.QUEUE).messages()).isZero();
            assertThat(async.find(UUID.randomUUID())).isEmpty();
        }
    }

    @Test
    void expiresRequestsPastTheTtl() throws Exception {
        PredictionRequests store = store();
        try (PredictionQueue queue = PredictionQueue.connect(rabbit.uri(), 3, "test-expiry")) {
            AsyncPredictions async = new AsyncPredictions(queue, store, Duration.ofMillis(500), Duration.ofMillis(100));
            UUID id = async.submit(batch); // no workers: it stays queued
            assertThat(async.find(id).orElseThrow().status()).isEqualTo(PredictionRequests.Status.PENDING);
            Thread.sleep(1_000);
            assertThat(async.backlogTooOld()).isTrue();
            PredictionRequests.Found expired = async.find(id).orElseThrow();
            assertThat(expired.status()).isEqualTo(PredictionRequests.Status.EXPIRED);
            assertThat(expired.reason()).contains("not scored within");
            // a worker reaching the message later acknowledges it without scoring
            try (PredictionWorkers ignored = PredictionWorkers.start(queue, 1, 1, Duration.ofMillis(500), store,
                    predictions)) {
                long deadline = System.currentTimeMillis() + 20_000;
                while (queue.depth(PredictionQueue.QUEUE).messages() > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(async.find(id).orElseThrow().status()).isEqualTo(PredictionRequests.Status.EXPIRED);
            }
        }
    }

    /**
     * Closing the workers (a node stopping) lets the request being scored commit before the channels close, so
     * nothing is still scoring once {@code close} returns (the service then closes the warehouse pool), and what
     * was prefetched but not started goes back to the queue for the next worker, to be scored once.
     */
    @Test
    void closingWaitsForTheRequestBeingScoredAndRequeuesTheRest() throws Exception {
        PredictionRequests store = store();
        try (PredictionQueue queue = PredictionQueue.connect(rabbit.uri(), 3, "test-close")) {
            AsyncPredictions async = new AsyncPredictions(queue, store, Duration.ofHours(1), Duration.ofSeconds(60));
            long loggedBefore = count("SELECT count(*) FROM prediction_log");
            List<UUID> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(async.submit(batch));
            }
            PredictionWorkers workers = PredictionWorkers.start(queue, 1, 8, Duration.ofHours(1), store, predictions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (done(async, ids) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            workers.close();
            long doneAtClose = done(async, ids);
            Thread.sleep(500);
            assertThat(done(async, ids)).as("no request finishes after close returned").isEqualTo(doneAtClose);
            assertThat(count("SELECT count(*) FROM prediction_log"))
                    .isEqualTo(loggedBefore + doneAtClose * batch.size());
            try (PredictionWorkers next = PredictionWorkers.start(queue, 2, 4, Duration.ofHours(1), store,
                    predictions)) {
                for (UUID id : ids) {
                    assertThat(await(async, id).status()).isEqualTo(PredictionRequests.Status.DONE);
                }
            }
            assertThat(count("SELECT count(*) FROM prediction_log"))
                    .as("each request logged once").isEqualTo(loggedBefore + (long) ids.size() * batch.size());
        }
    }

    private static long done(AsyncPredictions async, List<UUID> ids) {
        return ids.stream().filter(id -> async.find(id).orElseThrow().status() == PredictionRequests.Status.DONE)
                .count();
    }
}
