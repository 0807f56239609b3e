package io.setlist.scheduler.api;

import io.setlist.scheduler.dashboard.DashboardSettings;
import io.setlist.scheduler.jobs.ClusteredScheduler;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.queue.AsyncPredictions;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.runs.RunLedger;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the warehouse and operations routes read and call. Every route is always served: nothing here is optional
 * but the scheduler, which a node started with {@code serve --no-schedule} lacks (the trigger route then answers 503).
 *
 * @param warehouse   the API's own small connection pool to the warehouse ({@code Backends.apiWarehouse()}), so API
 *                    traffic cannot take the connections Quartz and the stages need
 * @param ledger      the run ledger
 * @param jobs        the pipeline's job names
 * @param scheduler   this node's scheduler, if it runs one
 * @param maxRunAge   the age after which the published run counts as stale ({@code /health/ready} DEGRADED)
 * @param clock       what says which day is today: business dates after it are refused
 * @param predictions the completion-prediction service, on {@code warehouse}
 * @param async       the asynchronous predictions: every {@code serve} node opens the prediction queue (with
 *                    {@code SETLIST_PREDICTION_WORKERS=0} it still accepts requests), so this is never absent
 * @param dashboard   what the operations dashboard compares with: the configured cache tiers and the recommender
 *                    settings of the daily run ({@code DashboardSettings.from(config.pipeline())})
 * @param features    the feature source {@code predictions} serves from, asked by {@code /health/ready} whether it is
 *                    built ({@code PlayFeatureSource.notReady()}); null when the caller reports none (tests that
 *                    build their own predictions)
 */
public record RouteServices(DataSource warehouse, RunLedger ledger, List<String> jobs,
                            Optional<ClusteredScheduler> scheduler, Duration maxRunAge, Clock clock,
                            CompletionPredictions predictions, AsyncPredictions async,
                            DashboardSettings dashboard, PlayFeatureSource features) {
    public RouteServices {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(ledger, "ledger");
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(scheduler, "scheduler (Optional.empty() for none)");
        Objects.requireNonNull(maxRunAge, "maxRunAge");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(dashboard, "dashboard");
    }

    /** With no feature source reported to {@code /health/ready}. */
    public RouteServices(DataSource warehouse, RunLedger ledger, List<String> jobs,
                         Optional<ClusteredScheduler> scheduler, Duration maxRunAge, Clock clock,
                         CompletionPredictions predictions, AsyncPredictions async, DashboardSettings dashboard) {
        this(warehouse, ledger, jobs, scheduler, maxRunAge, clock, predictions, async, dashboard, null);
    }

    /** With the dashboard comparing against the default pipeline configuration (for callers that configure none). */
    public RouteServices(DataSource warehouse, RunLedger ledger, List<String> jobs,
                         Optional<ClusteredScheduler> scheduler, Duration maxRunAge, Clock clock,
                         CompletionPredictions predictions, AsyncPredictions async) {
        this(warehouse, ledger, jobs, scheduler, maxRunAge, clock, predictions, async, DashboardSettings.defaults());
    }
}
