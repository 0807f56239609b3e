package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Deletes the items of old runs: every run older than the current one except the newest {@code keep} published
 * runs (the current one always stays). Runs newer than the current one are being written and stay, unless their
 * publish was abandoned (still {@code writing} after {@code abandonedAfter}). Readers never depended on any of this:
 * they only read the current run; this only frees storage, ahead of TTL.
 *
 * <p>Items are found by scanning key attributes only, so the cost is one pass over the tables' keys.
 */
public final class RunCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);

    private final DynamoDbClient client;
    private final DynamoTables tables;
    private final BatchWriter writer;

    public RunCleanup(DynamoDbClient client, DynamoTables tables) {
        this.client = client;
        this.tables = tables;
        this.writer = new BatchWriter(client, 10, 50, 5_000);
    }

    /** What a cleanup removed. */
    public record Report(List<String> runsDeleted, long itemsDeleted, List<String> runsKept) {
    }

    public Report run(int keep, Duration abandonedAfter) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1 (the current run is always kept), got " + keep);
        }
        Optional<CurrentRun> current = new RunPointer(client, tables).current();
        if (current.isEmpty()) {
            return new Report(List.of(), 0, List.of());
        }
        String currentRun = current.get().runId();
        RunRecords records = new RunRecords(client, tables);
        List<RunRecords.RunRecord> all = records.all();
        Set<String> kept = new HashSet<>();
        kept.add(currentRun);
        all.stream().filter(r -> r.state() == RunRecords.State.PUBLISHED && r.runId().compareTo(currentRun) <= 0)
                .map(RunRecords.RunRecord::runId).sorted(Comparator.reverseOrder()).limit(keep).forEach(kept::add);
        Instant abandonedBefore = Instant.now().minus(abandonedAfter);
        Set<String> abandonedNewer = new HashSet<>();
        for (RunRecords.RunRecord r : all) {
            if (r.runId().compareTo(currentRun) > 0 && r.state() == RunRecords.State.WRITING
                    && r.startedAt().isBefore(abandonedBefore)) {
                abandonedNewer.add(r.runId());
            }
        }
        // Older than current and not kept, whether recorded or not (items of runs from before run records existed).
        Function<String, Boolean> deletable = run -> !kept.contains(run)
                && (run.compareTo(currentRun) < 0 || abandonedNewer.contains(run));

        Set<String> deletedRuns = new HashSet<>();
        long deleted = deleteWhere(tables.recommendations(), "user_key", "run_id", Function.identity(), deletable,
                deletedRuns);
        deleted += deleteWhere(tables.cachePriorities(), "tier", "run_page", ItemCodec::runOfPageKey, deletable,
                deletedRuns);
        for (RunRecords.RunRecord r : all) {
            if (deletable.apply(r.runId())) {
                records.delete(r.runId());
                deletedRuns.add(r.runId());
            }
        }
        List<String> runs = deletedRuns.stream().sorted().toList();
        LOG.info("cleanup kept {} and deleted {} item(s) of {} run(s): {}", kept.stream().sorted().toList(), deleted,
                runs.size(), runs);
        return new Report(runs, deleted, kept.stream().sorted().toList());
    }

    private long deleteWhere(String table, String hash, String range, Function<String, String> runOf,
                             Function<String, Boolean> deletable, Set<String> deletedRuns) {
        long deleted = 0;
        List<Map<String, AttributeValue>> batch = new ArrayList<>(BatchWriter.MAX_BATCH);
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table)
                    .projectionExpression("#h, #r")
                    .expressionAttributeNames(Map.of("#h", hash, "#r", range))
                    .overrideConfiguration(io.setlist.infra.dynamo.DynamoClients.BULK);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            for (Map<String, AttributeValue> key : page.items()) {
                String run = runOf.apply(key.get(range).s());
                if (deletable.apply(run)) {
                    deletedRuns.add(run);
                    batch.add(Map.of(hash, key.get(hash), range, key.get(range)));
                    if (batch.size() == BatchWriter.MAX_BATCH) {
                        writer.delete(table, batch);
                        deleted += batch.size();
                        batch = new ArrayList<>(BatchWriter.MAX_BATCH);
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        if (!batch.isEmpty()) {
            writer.delete(table, batch);
            deleted += batch.size();
        }
        return deleted;
    }
}
