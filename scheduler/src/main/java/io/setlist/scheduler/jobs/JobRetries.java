package io.setlist.scheduler.jobs;

import io.setlist.scheduler.config.ScheduleSettings;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;

/**
 * A failed job is retried with exponential backoff until {@link ScheduleSettings#maxAttempts()}; the last failure
 * stays in the run ledger with its error. Retries are persistent one-shot triggers, so they survive a restart and
 * fire on whichever node of the cluster is free.
 */
final class JobRetries {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetries.class);

    private final Scheduler scheduler;
    private final ScheduleSettings settings;

    JobRetries(Scheduler scheduler, ScheduleSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    void afterFailure(String job, LocalDate date, int attempt, RuntimeException error) {
        if (attempt >= settings.maxAttempts()) {
            LOG.error("{} for {} failed {} time(s); giving up: {}", job, date, attempt, error.getMessage());
            return;
        }
        Duration delay = settings.retryDelay(attempt);
        Trigger retry = TriggerBuilder.newTrigger()
                .withIdentity(job + "-" + date + "-retry-" + (attempt + 1), "retries")
                .forJob(ClusteredScheduler.jobKey(job))
                .usingJobData(PipelineJob.DATE, date.toString())
                .usingJobData(PipelineJob.ATTEMPT, Integer.toString(attempt + 1))
                .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(retry);
            LOG.warn("{} for {} will be retried in {} s (attempt {} of {})", job, date, delay.toSeconds(),
                    attempt + 1, settings.maxAttempts());
        } catch (SchedulerException e) {
            LOG.error("cannot schedule the retry of {} for {}: {}", job, date, e.getMessage());
        }
    }
}
