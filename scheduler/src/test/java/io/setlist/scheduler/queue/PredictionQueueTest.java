package io.setlist.scheduler.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.infra.embedded.LocalRabbit;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.models.CompletionModels;
import io.setlist.scheduler.models.CompletionPredictions;
import io.setlist.scheduler.models.VariantSplit;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.predictions.PredictionRequests;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue against a real RabbitMQ and a real warehouse with a champion: a request is scored by the synchronous
 * path's code with the same result, once; a poison message ends in the dead-letter queue; an unknown id is not
 * found; an old request expires; the broker restarted with messages queued loses none.
 */
@Tag("fault")
class PredictionQueueTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    private static Backends backends;
    private static LocalRabbit rabbit;
    private static CompletionPredictions predictions;
    private static List<CompletionPredictions.Request> batch;

    @BeforeAll
    static void start() throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(120, 21, 7, FIRST_DAY), data);
        backends = Backends.open(RealBackends.isolatedConfig(home));
        WorkloadImport.importDirectory(backends.warehouse(), data);
        new CompletionModels(backends.warehouse()).train(FIRST_DAY.plusDays(20), "logistic-regression", "first",
                ModelSelection.Grid.small());
        predictions = new CompletionPredictions(backends.warehouse(), VariantSplit.parse("champion:1", "t"));
        batch = new ArrayList<>();
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.user_key, t.track_key FROM users u, tracks t "
                     + "ORDER BY u.user_id, t.track_id LIMIT 5")) {
            while (rs.next()) {
                batch.add(new CompletionPredictions.Request(rs.getString(1), rs.getString(2),
                        Instant.parse("2026-09-21T12:00:00Z")));
            }
        }
        rabbit = LocalRabbit.startEphemeral(home.resolve("rabbit"));
    }

    @AfterAll
    static void stop() {
        if (rabbit != null) {
            rabbit.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    private static PredictionRequests.Found await(AsyncPredictions async, UUID id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            PredictionRequests.Found found = async.find(id).orElseThrow();
            if (found.status() != PredictionRequests.Status.PENDING || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void scoresWithTheSynchronousCodeOnceAndDeadLettersPoison() throws Exception {
        PredictionRequests store = new PredictionRequests(backends.warehouse());
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
        PredictionRequests store = new PredictionRequests(backends.warehouse());
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

    @Test
    void brokerRestartedWithMessagesQueuedLosesNone() throws Exception {
        PredictionRequests store = new PredictionRequests(backends.warehouse());
        List<UUID> ids = new ArrayList<>();
        try (PredictionQueue queue = PredictionQueue.connect(rabbit.uri(), 3, "test-restart")) {
            AsyncPredictions async = new AsyncPredictions(queue, store, Duration.ofHours(1), Duration.ofSeconds(60));
            for (int i = 0; i < 20; i++) {
                ids.add(async.submit(batch.subList(0, 1 + i % batch.size())));
            }
        }
        rabbit = rabbit.restart();
        try (PredictionQueue queue = PredictionQueue.connect(rabbit.uri(), 3, "test-restart-2")) {
            assertThat(queue.depth(PredictionQueue.QUEUE).messages()).isGreaterThanOrEqualTo(20);
            AsyncPredictions async = new AsyncPredictions(queue, store, Duration.ofHours(1), Duration.ofSeconds(60));
            try (PredictionWorkers ignored = PredictionWorkers.start(queue, 2, 4, Duration.ofHours(1), store,
                    predictions)) {
                for (UUID id : ids) {
                    assertThat(await(async, id).status()).as(id.toString()).isEqualTo(PredictionRequests.Status.DONE);
                }
            }
        }
    }
}
