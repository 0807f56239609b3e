package io.setlist.scheduler.jobs;

import io.setlist.scheduler.pipeline.DailyPipeline;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Quartz with one cron trigger that runs the daily pipeline (UTC). One worker thread: a day's stages run in order
 * and two days never overlap.
 */
public final class PipelineSchedule implements AutoCloseable {
    private final Scheduler scheduler;
    private final CronTrigger trigger;

    private PipelineSchedule(Scheduler scheduler, CronTrigger trigger) {
        this.scheduler = scheduler;
        this.trigger = trigger;
    }

    public static PipelineSchedule start(DailyPipeline pipeline, String cron) {
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("SETLIST_PIPELINE_CRON is not a valid Quartz cron expression: '"
                    + cron + "' (example: 0 0 3 * * ?)");
        }
        Properties props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", "setlist");
        props.setProperty("org.quartz.threadPool.threadCount", "1");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        try {
            Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
            scheduler.getContext().put(DailyPipelineJob.PIPELINE, pipeline);
            JobDetail job = JobBuilder.newJob(DailyPipelineJob.class).withIdentity("daily-pipeline").build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity("daily-pipeline-cron")
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(job, trigger);
            scheduler.start();
            return new PipelineSchedule(scheduler, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    public Date nextFireTime() {
        return trigger.getFireTimeAfter(new Date());
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
