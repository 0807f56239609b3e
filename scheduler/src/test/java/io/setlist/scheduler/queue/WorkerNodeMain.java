package io.setlist.scheduler.queue;

import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.VariantSplit;
import io.setlist.sql.Database;
import io.setlist.sql.predictions.PredictionRequests;

import java.net.URI;
import java.time.Duration;

/**
 * Prediction workers in their own JVM, so that a test can kill them with {@code kill -9} mid-batch. Arguments:
 * jdbc url, user, AMQP URI, consumers. Prints {@code ready} once consuming; runs until killed.
 */
public final class WorkerNodeMain {
    private WorkerNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(args[0], args[1], "", 4);
             PredictionQueue queue = PredictionQueue.connect(URI.create(args[2]), 3, "worker-node")) {
            CompletionPredictions predictions = new CompletionPredictions(db.dataSource(),
                    VariantSplit.parse("champion:1", "t"));
            PredictionWorkers.start(queue, Integer.parseInt(args[3]), 2, Duration.ofHours(1),
                    new PredictionRequests(db.dataSource()), predictions);
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
