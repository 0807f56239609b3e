package io.setlist.scheduler;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.api.RouteServices;
import io.setlist.sql.runs.RunLedger;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.dashboard.DashboardSettings;
import io.setlist.scheduler.jobs.ClusteredScheduler;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.queue.PredictionBroker;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CountDownLatch;

/**
 * The running service: backends, the read API, the prediction queue's broker and workers, and (optionally) this
 * node's membership of the Quartz cluster that runs the daily pipeline.
 */
public final class SetlistService implements AutoCloseable {
    private final Backends backends;
    private final DailyPipeline pipeline;
    private final ApiServer api;
    private final ClusteredScheduler scheduler;
    private final PredictionBroker broker;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SetlistService(Backends backends, DailyPipeline pipeline, ApiServer api, ClusteredScheduler scheduler,
                           PredictionBroker broker) {
        this.backends = backends;
        this.pipeline = pipeline;
        this.api = api;
        this.scheduler = scheduler;
        this.broker = broker;
    }

    /**
     * Starts serving on {@code config.api().httpPort()}; with {@code joinScheduler}, joins the scheduler cluster
     * that runs the daily pipeline too.
     */
    public static SetlistService start(Backends backends, Config config, boolean joinScheduler) {
        // One feature source for the workers, the API and the daily completion stage: the store's memory is held
        // once, built at start-up (/health/ready says NOT_READY until it is) and brought forward by the daily run.
        PlayFeatureSource features = config.predictionFeatures().open(backends.apiWarehouse());
        if (features instanceof FeatureStore store) {
            store.warmInBackground();
        }
        DailyPipeline pipeline = DailyPipeline.standard(backends, config, Clock.systemUTC(), features);
        ClusteredScheduler scheduler = joinScheduler
                ? ClusteredScheduler.start(backends.warehouse(), pipeline, config.schedule()) : null;
        PredictionBroker broker = null;
        try {
            // The workers score on the main pool, beside the pipeline; the API's routes on the API's pool.
            broker = PredictionBroker.open(backends, config,
                    new CompletionPredictions(backends.warehouse(), config.abSplit(), features));
            ApiSettings apiSettings = config.api();
            ApiServer api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                    new ApiKeys(backends.apiWarehouse(), Duration.ofSeconds(apiSettings.keyCacheSeconds())), apiSettings,
                    // Every API query runs on the API's own pool: a flood cannot take Quartz's connections.
                    new RouteServices(backends.apiWarehouse(), new RunLedger(backends.apiWarehouse()), pipeline.jobs(),
                            java.util.Optional.ofNullable(scheduler), config.schedule().maxRunAge(), pipeline.clock(),
                            new CompletionPredictions(backends.apiWarehouse(), config.abSplit(), features), broker.async(),
                            DashboardSettings.from(config.pipeline()), features),
                    "0.0.0.0", apiSettings.httpPort());
            return new SetlistService(backends, pipeline, api, scheduler, broker);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            throw e;
        }
    }

    public DailyPipeline pipeline() {
        return pipeline;
    }

    public int port() {
        return api.port();
    }

    public Date nextScheduledRun() {
        return scheduler == null ? null : scheduler.nextDailyRun();
    }

    public Backends backends() {
        return backends;
    }

    /** Blocks until {@link #close()} (from the shutdown hook that Ctrl-C or SIGTERM runs). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops taking triggers (a running job gets its grace period), then stops serving. */
    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.close();
            }
        } finally {
            api.close();
            broker.close();
            stopped.countDown();
        }
    }
}
