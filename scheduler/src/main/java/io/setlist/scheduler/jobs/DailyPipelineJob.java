package io.setlist.scheduler.jobs;

import io.setlist.scheduler.pipeline.DailyPipeline;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The Quartz job behind the daily trigger: runs the pipeline for the last complete UTC day before the fire time.
 * The run ledger makes a second firing for the same day a no-op.
 */
@DisallowConcurrentExecution
public final class DailyPipelineJob implements Job {
    static final String PIPELINE = "pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(DailyPipelineJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        DailyPipeline pipeline;
        try {
            pipeline = (DailyPipeline) context.getScheduler().getContext().get(PIPELINE);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        LocalDate businessDate = context.getScheduledFireTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                .minusDays(1);
        try {
            pipeline.run(businessDate, false);
        } catch (RuntimeException e) {
            LOG.error("daily pipeline for {} failed: {}", businessDate, e.getMessage());
            throw new JobExecutionException(e, false);
        }
    }
}
