package io.setlist.scheduler.pipeline;

import io.setlist.sql.events.EventPurge;
import io.setlist.sql.predictions.PredictionLog;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

/**
 * The data-retention purge: drops the monthly event partitions wholly older than the retention window before the
 * business date, and deletes the {@code prediction_log} rows served more than {@code predictionRetentionDays}
 * before the run started (wall-clock time: a prediction's age is how long ago the API served it). Runs after
 * retention, whose rollups keep the history it removes.
 */
public final class PurgeStage implements Stage {
    private final EventPurge purge;
    private final PredictionLog predictions;
    private final int retentionDays;
    private final int predictionRetentionDays;

    public PurgeStage(DataSource warehouse, int retentionDays, int predictionRetentionDays) {
        if (predictionRetentionDays < 1) {
            throw new IllegalArgumentException("the prediction retention must be at least 1 day, got "
                    + predictionRetentionDays);
        }
        this.purge = new EventPurge(warehouse);
        this.predictions = new PredictionLog(warehouse);
        this.retentionDays = retentionDays;
        this.predictionRetentionDays = predictionRetentionDays;
    }

    @Override
    public String job() {
        return "purge";
    }

    @Override
    public Outcome run(RunContext context) {
        EventPurge.Result r = purge.purge(context.businessDate(), retentionDays);
        Instant predictionCutoff = context.startedAt().minus(Duration.ofDays(predictionRetentionDays));
        long predictionsDropped = predictions.purgeServedBefore(predictionCutoff);
        String dropped = r.droppedPartitions().isEmpty() ? "nothing to drop"
                : "dropped " + String.join(", ", r.droppedPartitions()) + " (" + r.eventsDropped() + " events)";
        // rows_out is the number of partitions left, so that a run that dropped nothing still shows work done.
        return new Outcome(r.eventsDropped(), r.partitionsKept(), String.format(
                "window %d days, events before %s go: %s; %d partitions kept; %d predictions served before %s deleted",
                retentionDays, r.cutoff(), dropped, r.partitionsKept(), predictionsDropped, predictionCutoff));
    }
}
