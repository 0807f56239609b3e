package io.setlist.scheduler;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Settings;
import io.setlist.scheduler.jobs.PipelineSchedule;
import io.setlist.scheduler.pipeline.DailyPipeline;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CountDownLatch;

/**
 * The running service: backends, the read API and (optionally) the Quartz trigger of the daily pipeline.
 */
public final class SetlistService implements AutoCloseable {
    private final Backends backends;
    private final DailyPipeline pipeline;
    private final ApiServer api;
    private final PipelineSchedule schedule;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SetlistService(Backends backends, DailyPipeline pipeline, ApiServer api, PipelineSchedule schedule) {
        this.backends = backends;
        this.pipeline = pipeline;
        this.api = api;
        this.schedule = schedule;
    }

    /** Starts serving on {@code settings.httpPort()}; with {@code scheduled}, the cron trigger too. */
    public static SetlistService start(Backends backends, Settings settings, boolean scheduled) {
        DailyPipeline pipeline = DailyPipeline.standard(backends, settings);
        ApiSettings apiSettings = ApiSettings.fromEnvironment();
        ApiServer api = ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                new ApiKeys(backends.warehouse(), Duration.ofSeconds(apiSettings.keyCacheSeconds())), apiSettings,
                "0.0.0.0", settings.httpPort());
        PipelineSchedule schedule = null;
        try {
            if (scheduled) {
                schedule = PipelineSchedule.start(pipeline, settings.cron());
            }
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return new SetlistService(backends, pipeline, api, schedule);
    }

    public DailyPipeline pipeline() {
        return pipeline;
    }

    public int port() {
        return api.port();
    }

    public Date nextScheduledRun() {
        return schedule == null ? null : schedule.nextFireTime();
    }

    public Backends backends() {
        return backends;
    }

    /** Blocks until {@link #close()} (from the shutdown hook that Ctrl-C or SIGTERM runs). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops taking triggers (letting a running job finish), then stops serving. */
    @Override
    public void close() {
        try {
            if (schedule != null) {
                schedule.close();
            }
        } finally {
            api.close();
            stopped.countDown();
        }
    }
}
