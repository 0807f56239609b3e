package io.setlist.scheduler.queue;

import io.setlist.infra.embedded.LocalRabbit;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.VariantSplit;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.predictions.PredictionRequests;
import io.setlist.sql.workload.SyntheticWorkload;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real warehouse with a trained champion, a throwaway RabbitMQ, and a few known (user, track) items to score.
 */
public final class QueueFixture implements AutoCloseable {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");

    public final Config config;
    public final Backends backends;
    public LocalRabbit rabbit;
    public final CompletionPredictions predictions;
    public final PredictionRequests store;
    public final List<CompletionPredictions.Request> items = new ArrayList<>();

    public QueueFixture(Path home) throws Exception {
        Path data = home.resolve("data");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(120, 21, 7, FIRST_DAY), data);
        config = RealBackends.isolatedConfig(home);
        backends = Backends.open(config);
        WorkloadImport.importDirectory(backends.warehouse(), data);
        new CompletionModels(backends.warehouse()).train(FIRST_DAY.plusDays(20), "logistic-regression", "first",
                ModelSelection.Grid.small());
        predictions = new CompletionPredictions(backends.warehouse(), VariantSplit.parse("champion:1", "t"));
        store = new PredictionRequests(backends.warehouse());
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.user_key, t.track_key FROM users u, tracks t "
                     + "ORDER BY u.user_id, t.track_id LIMIT 5")) {
            while (rs.next()) {
                items.add(new CompletionPredictions.Request(rs.getString(1), rs.getString(2),
                        Instant.parse("2026-09-21T12:00:00Z")));
            }
        }
        rabbit = LocalRabbit.startEphemeral(home.resolve("rabbit"));
    }

    /** Polls until the request leaves PENDING (or a minute passes). */
    public static PredictionRequests.Found await(AsyncPredictions async, UUID id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            PredictionRequests.Found found = async.find(id).orElseThrow();
            if (found.status() != PredictionRequests.Status.PENDING || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(50);
        }
    }

    public long count(String sql) throws Exception {
        try (Connection c = backends.warehouse().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        if (rabbit != null) {
            rabbit.close();
        }
        backends.close();
    }
}
