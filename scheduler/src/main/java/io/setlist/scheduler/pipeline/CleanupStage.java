package io.setlist.scheduler.pipeline;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.publish.RunCleanup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;

/**
 * Deletes the DynamoDB items of runs older than the last {@code keep} published ones (the current run always
 * stays), and of publishes abandoned more than a day ago. TTL would remove them eventually; this frees the storage
 * now and works where TTL is not implemented (dynalite).
 */
public final class CleanupStage implements Stage {
    private final DynamoDbClient dynamo;
    private final DynamoTables tables;
    private final int keep;

    public CleanupStage(DynamoDbClient dynamo, DynamoTables tables, int keep) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.keep = keep;
    }

    @Override
    public String job() {
        return "cleanup";
    }

    @Override
    public Outcome run(RunContext context) {
        RunCleanup.Report report = new RunCleanup(dynamo, tables).run(keep, Duration.ofDays(1));
        PipelineMetrics.cleaned(report.itemsDeleted());
        return new Outcome(0, report.itemsDeleted(), String.format("kept %s; deleted %d item(s) of %d run(s)",
                report.runsKept(), report.itemsDeleted(), report.runsDeleted().size()));
    }
}
