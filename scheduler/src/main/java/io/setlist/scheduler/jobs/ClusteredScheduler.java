package io.setlist.scheduler.jobs;

import io.setlist.scheduler.config.ScheduleSettings;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.sql.runs.RunLedger;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Quartz with its JDBC job store on the warehouse's own connection pool, clustered: any number of
 * {@code ./setlist serve} nodes on one database fire each trigger once, and when a node dies mid-job another node
 * recovers the job (jobs request recovery). Triggers: the daily chain, optional per-job crons, operator
 * triggers from the admin API, and persistent retries.
 */
public final class ClusteredScheduler implements AutoCloseable {
    static final String SELF = "setlist.scheduler";
    private static final String GROUP = "setlist";
    private static final String CRON_GROUP = "crons";
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredScheduler.class);

    private final Scheduler scheduler;
    private final DailyPipeline pipeline;
    private final ScheduleSettings settings;
    private final JobRetries retries;

    private ClusteredScheduler(Scheduler scheduler, DailyPipeline pipeline, ScheduleSettings settings) {
        this.scheduler = scheduler;
        this.pipeline = pipeline;
        this.settings = settings;
        this.retries = new JobRetries(scheduler, settings);
    }

    public static JobKey jobKey(String job) {
        return JobKey.jobKey(job, GROUP);
    }

    /** Joins the cluster on {@code warehouse}, registers jobs and this configuration's triggers, and starts. */
    public static ClusteredScheduler start(DataSource warehouse, DailyPipeline pipeline, ScheduleSettings settings) {
        validate(settings);
        String dataSource = "setlist-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PoolProvider(warehouse));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "setlist");
        p.setProperty("org.quartz.scheduler.instanceId", settings.node());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            ClusteredScheduler self = new ClusteredScheduler(scheduler, pipeline, settings);
            scheduler.getContext().put(SELF, self);
            self.registerJobs();
            self.registerCrons();
            scheduler.start();
            return self;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    private static void validate(ScheduleSettings settings) {
        if (settings.dailyEnabled() && !CronExpression.isValidExpression(settings.dailyCron())) {
            throw new IllegalArgumentException("SETLIST_PIPELINE_CRON is not a valid Quartz cron expression: '"
                    + settings.dailyCron() + "' (example: 0 0 3 * * ?, or off)");
        }
        settings.jobCrons().forEach((job, cron) -> {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("SETLIST_CRON_" + job.toUpperCase(java.util.Locale.ROOT)
                        + " is not a valid Quartz cron expression: '" + cron + "'");
            }
        });
    }

    private void registerJobs() throws SchedulerException {
        List<String> jobs = new ArrayList<>(pipeline.jobs());
        jobs.add("all");
        for (String job : jobs) {
            JobDetail detail = JobBuilder.newJob(PipelineJob.class).withIdentity(jobKey(job))
                    .usingJobData(PipelineJob.JOB, job)
                    .storeDurably()
                    .requestRecovery()
                    .build();
            scheduler.addJob(detail, true);
        }
    }

    /** Makes the stored cron triggers match this node's configuration; misfires after downtime fire once. */
    private void registerCrons() throws SchedulerException {
        Map<String, String> wanted = new java.util.LinkedHashMap<>(settings.jobCrons());
        if (settings.dailyEnabled()) {
            wanted.put("all", settings.dailyCron());
        }
        for (TriggerKey existing : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(CRON_GROUP))) {
            if (!wanted.containsKey(existing.getName())) {
                scheduler.unscheduleJob(existing);
            }
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(e.getKey(), CRON_GROUP)
                    .forJob(jobKey(e.getKey()))
                    .withSchedule(CronScheduleBuilder.cronSchedule(e.getValue())
                            .inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            if (scheduler.checkExists(trigger.getKey())) {
                scheduler.rescheduleJob(trigger.getKey(), trigger);
            } else {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (org.quartz.ObjectAlreadyExistsException raced) {
                    scheduler.rescheduleJob(trigger.getKey(), trigger); // another node registered it meanwhile
                }
            }
        }
    }

    /** Fires {@code job} for {@code date} now, on whichever node is free; returns the trigger's id. */
    public String trigger(String job, LocalDate date, boolean force) {
        if (!"all".equals(job) && !pipeline.jobs().contains(job)) {
            throw new IllegalArgumentException("unknown job '" + job + "'");
        }
        String id = job + "-" + date + "-" + UUID.randomUUID();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(id, "manual").forJob(jobKey(job))
                .usingJobData(PipelineJob.DATE, date.toString())
                .usingJobData(PipelineJob.FORCE, Boolean.toString(force))
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(trigger);
            return id;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot trigger " + job + ": " + e.getMessage(), e);
        }
    }

    /** Fails when a job's inputs for {@code date} have not succeeded yet; the failure is retried later. */
    void requireInputs(String job, LocalDate date) {
        RunLedger ledger = pipeline.ledger();
        for (String input : pipeline.stage(job).inputs()) {
            String status = ledger.find(input, date).map(RunLedger.Entry::status).orElse("NOT STARTED");
            if (!"SUCCEEDED".equals(status)) {
                throw new IllegalStateException(job + " for " + date + " waits for " + input + " (" + status + ")");
            }
        }
    }

    DailyPipeline pipeline() {
        return pipeline;
    }

    JobRetries retries() {
        return retries;
    }

    public Date nextDailyRun() {
        try {
            Trigger t = scheduler.getTrigger(TriggerKey.triggerKey("all", CRON_GROUP));
            return t == null ? null : t.getNextFireTime();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /**
     * Stops taking triggers, gives a running job {@link ScheduleSettings#shutdownGrace()} to finish, marks it
     * INTERRUPTED in the ledger if it did not (another node, or the next start, recovers it), then leaves.
     */
    @Override
    public void close() {
        try {
            scheduler.standby();
            long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
            while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
                int interrupted = pipeline.ledger().interruptRunning(settings.node());
                LOG.warn("shutdown grace of {} s ran out: {} running job(s) recorded as INTERRUPTED",
                        settings.shutdownGrace().toSeconds(), interrupted);
            }
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quartz borrows connections from the application's HikariCP pool instead of opening its own. */
    private record PoolProvider(DataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the application
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
