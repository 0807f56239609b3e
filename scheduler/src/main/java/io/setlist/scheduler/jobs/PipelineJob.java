package io.setlist.scheduler.jobs;

import io.setlist.scheduler.pipeline.BusinessDate;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.RunLeaseHeldException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one Quartz job class: runs a pipeline job ({@code all} = the daily chain) for a business date.
 *
 * <p>The date is the trigger's {@value #DATE} when an operator or a retry set one, else the last complete UTC day
 * before the scheduled fire time. When a node died mid-job and another node recovers it, the date comes from the
 * original fire time, so the recovered run computes the same day. Failures are handed to {@link JobRetries}.
 */
@DisallowConcurrentExecution
public final class PipelineJob implements Job {
    static final String JOB = "job";
    static final String DATE = "businessDate";
    static final String FORCE = "force";
    static final String ATTEMPT = "attempt";
    private static final String ORIGINAL_FIRE_TIME = "QRTZ_FAILED_JOB_ORIG_TRIGGER_FIRETIME_IN_MILLISECONDS_AS_STRING";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String job = data.getString(JOB);
        LocalDate date = businessDate(context, data);
        boolean force = data.containsKey(FORCE) && Boolean.parseBoolean(data.getString(FORCE));
        int attempt = data.containsKey(ATTEMPT) ? Integer.parseInt(data.getString(ATTEMPT)) : 1;
        ClusteredScheduler owner;
        try {
            owner = (ClusteredScheduler) context.getScheduler().getContext().get(ClusteredScheduler.SELF);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        DailyPipeline pipeline = owner.pipeline();
        try {
            try {
                run(owner, pipeline, job, date, force);
            } catch (RunLeaseHeldException held) {
                // Another run holds the job: wait once for its lease to end or expire (a node that died mid-job,
                // which Quartz recovers here, stops renewing it), then try again; a live holder keeps it.
                Duration wait = untilExpiry(held, pipeline.ledger().leaseTime());
                LOG.info("{} for {} is held by another run; waiting {} s for its lease", job, date, wait.toSeconds());
                Thread.sleep(wait.toMillis());
                run(owner, pipeline, job, date, force);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("{} for {}: interrupted while waiting for another run's lease", job, date);
        } catch (BusinessDate.FutureDateException e) {
            // Not retried: the date stays in the future until its day comes.
            LOG.error("{} for {} refused: {}", job, date, e.getMessage());
        } catch (RuntimeException e) {
            // A run refused because another holds the lease is retried too: by then the holder has usually
            // finished, and the retry finds the job succeeded and skips it.
            LOG.error("{} for {} failed on attempt {}: {}", job, date, attempt, e.getMessage());
            owner.retries().afterFailure(job, date, attempt, e);
        }
    }

    private static void run(ClusteredScheduler owner, DailyPipeline pipeline, String job, LocalDate date,
                            boolean force) {
        if ("all".equals(job)) {
            pipeline.run(date, force);
        } else {
            owner.requireInputs(job, date);
            pipeline.runOne(job, date, force);
        }
    }

    /** Until the holder's lease runs out (at most one lease time), plus a second for clocks and commits. */
    static Duration untilExpiry(RunLeaseHeldException held, Duration leaseTime) {
        Instant expires = held.holder() == null || held.holder().leaseExpiresAt() == null ? Instant.now()
                : held.holder().leaseExpiresAt();
        long millis = Math.min(Duration.between(Instant.now(), expires).toMillis(), leaseTime.toMillis());
        return Duration.ofMillis(Math.max(0, millis) + 1000);
    }

    private static LocalDate businessDate(JobExecutionContext context, JobDataMap data) {
        if (data.containsKey(DATE)) {
            return LocalDate.parse(data.getString(DATE));
        }
        Instant fired = context.getScheduledFireTime().toInstant();
        if (context.isRecovering() && data.containsKey(ORIGINAL_FIRE_TIME)) {
            fired = Instant.ofEpochMilli(Long.parseLong(data.getString(ORIGINAL_FIRE_TIME)));
        }
        return fired.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }
}
