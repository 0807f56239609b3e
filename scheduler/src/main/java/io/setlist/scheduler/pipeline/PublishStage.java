package io.setlist.scheduler.pipeline;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.config.PublishSettings;
import io.setlist.sql.cache.CachePriorityTable;
import io.setlist.sql.recommend.RecommendationTable;
import io.setlist.sql.runs.PublishedRunsTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the business date's recommendations and cache priorities from the warehouse to DynamoDB as one run,
 * made visible to readers only once every item is written.
 */
public final class PublishStage implements Stage {
    private final DataSource warehouse;
    private final DynamoDbClient dynamo;
    private final DynamoTables tables;
    private final PublishSettings settings;

    public PublishStage(DataSource warehouse, DynamoDbClient dynamo, DynamoTables tables, PublishSettings settings) {
        this.warehouse = warehouse;
        this.dynamo = dynamo;
        this.tables = tables;
        this.settings = settings;
    }

    @Override
    public String job() {
        return "publish";
    }

    @Override
    public List<String> inputs() {
        return List.of("recommend", "completion");
    }

    @Override
    public Outcome run(RunContext context) {
        Optional<CurrentRun> current = new PublishedRuns(dynamo, tables).currentRun();
        if (current.isPresent() && current.get().businessDate().isAfter(context.businessDate())) {
            // A backfilled day is computed and kept in the warehouse, but readers stay on the newer day. Recorded
            // as SKIPPED, not SUCCEEDED: when it is the newest day, readers are not on it, and /health/ready says so.
            return Outcome.skipped("not published: the current run " + current.get().runId() + " is for "
                    + current.get().businessDate() + ", later than " + context.businessDate()
                    + ", and the pointer only moves forward");
        }
        RunPublisher publisher = new RunPublisher(dynamo, tables, settings.threads(), settings.maxAttempts(),
                settings.ttl());
        CurrentRun run = new CurrentRun(context.runId(), context.businessDate(), context.startedAt(), 0, List.of());
        long rows;
        RunPublisher.Report report;
        try (RunPublisher.Session session = publisher.open(run)) {
            UserGrouping grouping = new UserGrouping(session);
            rows = new RecommendationTable(warehouse).forPublish(context.businessDate(), grouping::row);
            grouping.flush();

            Map<String, List<CachePriority>> tiers = new LinkedHashMap<>();
            rows += new CachePriorityTable(warehouse).forPublish(context.businessDate(),
                    (tier, rank, trackKey, probability, priority) -> tiers.computeIfAbsent(tier, t -> new ArrayList<>())
                            .add(new CachePriority(rank, trackKey, probability, priority)));
            tiers.forEach(session::cacheTier);
            report = session.commit();
        }
        PipelineMetrics.published(report);
        new PublishedRunsTable(warehouse).record(report.runId(), context.businessDate(), report.users(),
                report.cacheEntries());
        return new Outcome(rows, report.items(), String.format("run %s: %d users, %d cache entries, %d items, "
                + "%d retries", report.runId(), report.users(), report.cacheEntries(), report.items(), report.retries())
                + (report.usersSkipped() + report.listsCut() == 0 ? "" : String.format("; %d user(s) not published "
                + "(key over the limit), %d list(s) cut to fit", report.usersSkipped(), report.listsCut())));
    }

    /** Rows arrive ordered by user, then rank: one user's rows become one item. */
    private static final class UserGrouping {
        private final RunPublisher.Session session;
        private String userKey;
        private String source;
        private List<RecommendedArtist> items = new ArrayList<>();

        UserGrouping(RunPublisher.Session session) {
            this.session = session;
        }

        void row(String user, int rank, String artistKey, String name, double score, String rowSource) {
            if (!user.equals(userKey)) {
                flush();
                userKey = user;
                source = rowSource;
            }
            items.add(new RecommendedArtist(rank, artistKey, name, score));
        }

        void flush() {
            if (userKey != null) {
                session.add(new UserRecommendations(userKey, source, items));
                items = new ArrayList<>();
                userKey = null;
            }
        }
    }
}
