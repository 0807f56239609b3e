package io.setlist.scheduler.pipeline;

import io.setlist.sql.events.EventPurge;

import javax.sql.DataSource;

/**
 * The data-retention purge: drops the monthly event partitions wholly older than the retention window before the
 * business date. Runs after retention, whose rollups keep the history it removes.
 */
public final class PurgeStage implements Stage {
    private final EventPurge purge;
    private final int retentionDays;

    public PurgeStage(DataSource warehouse, int retentionDays) {
        this.purge = new EventPurge(warehouse);
        this.retentionDays = retentionDays;
    }

    @Override
    public String job() {
        return "purge";
    }

    @Override
    public Outcome run(RunContext context) {
        EventPurge.Result r = purge.purge(context.businessDate(), retentionDays);
        String dropped = r.droppedPartitions().isEmpty() ? "nothing to drop"
                : "dropped " + String.join(", ", r.droppedPartitions()) + " (" + r.eventsDropped() + " events)";
        // rows_out is the number of partitions left, so that a run that dropped nothing still shows work done.
        return new Outcome(r.eventsDropped(), r.partitionsKept(), String.format(
                "window %d days, events before %s go: %s; %d partitions kept", retentionDays, r.cutoff(), dropped,
                r.partitionsKept()));
    }
}
