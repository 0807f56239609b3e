package io.setlist.scheduler.config;

import org.quartz.CronExpression;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the scheduler runs jobs.
 *
 * @param dailyCron      the whole daily chain for yesterday, a Quartz cron expression in UTC; {@code off} disables it
 * @param jobCrons       a job on its own trigger ({@code SETLIST_CRON_<JOB>}); a job whose inputs are not ready for
 *                       the date (publish before recommend and completion) waits and retries
 * @param maxAttempts    attempts of a failing job before it stays failed
 * @param retryBase      first retry delay; doubles per attempt, capped at 1 h
 * @param maxRunAge      older published runs make /health/ready DEGRADED
 * @param shutdownGrace  how long SIGTERM waits for a running job
 * @param node           this node's name in the ledger and in Quartz
 */
public record ScheduleSettings(String dailyCron, Map<String, String> jobCrons, int maxAttempts, Duration retryBase,
                               Duration maxRunAge, Duration shutdownGrace, String node) {
    public static final List<String> JOBS = List.of("import", "retention", "purge", "recommend", "completion", "publish");

    static ScheduleSettings read(ConfigParser p) {
        String daily = p.parsed("SETLIST_PIPELINE_CRON", "0 0 3 * * ?", "a Quartz cron expression or off",
                s -> "off".equalsIgnoreCase(s) ? s : cron(s), "Quartz cron (UTC) of the daily chain in `serve`; it "
                        + "computes yesterday; `off` disables it");
        Map<String, String> crons = new LinkedHashMap<>();
        for (String job : JOBS) {
            String cron = p.optional("SETLIST_CRON_" + job.toUpperCase(Locale.ROOT), "", "a Quartz cron expression",
                    ScheduleSettings::cron, "the `" + job + "` job on its own trigger, e.g. `0 0 1 * * ?`");
            if (cron != null) {
                crons.put(job, cron);
            }
        }
        return new ScheduleSettings(daily, Map.copyOf(crons),
                p.integer("SETLIST_JOB_MAX_ATTEMPTS", 3, 1, Integer.MAX_VALUE, "attempts of a failing job"),
                Duration.ofSeconds(p.integer("SETLIST_JOB_RETRY_SECONDS", 60, 1, Integer.MAX_VALUE,
                        "first retry delay; doubles per attempt, at most 1 h")),
                Duration.ofHours(p.integer("SETLIST_MAX_RUN_AGE_HOURS", 36, 1, Integer.MAX_VALUE,
                        "an older published run makes `/health/ready` report `DEGRADED`")),
                Duration.ofSeconds(p.integer("SETLIST_SHUTDOWN_GRACE_SECONDS", 120, 1, Integer.MAX_VALUE,
                        "how long SIGTERM waits for a running job")),
                p.computed("SETLIST_NODE", "host name and pid", ScheduleSettings::defaultNode, null, s -> s,
                        "this node's name in the run ledger and the Quartz cluster"));
    }

    /** The schedule settings of the configuration parsed from {@code environment} (a test's map, say). */
    public static ScheduleSettings from(Map<String, String> environment) {
        return Config.parse(environment).schedule();
    }

    public boolean dailyEnabled() {
        return !"off".equalsIgnoreCase(dailyCron);
    }

    /** Delay before attempt {@code attempt + 1}: base · 2^(attempt-1), at most an hour. */
    public Duration retryDelay(int attempt) {
        long seconds = retryBase.toSeconds() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    /** This process's name when {@code SETLIST_NODE} is unset: host name and pid. */
    public static String defaultNode() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static String cron(String s) {
        if (!CronExpression.isValidExpression(s)) {
            throw new IllegalArgumentException();
        }
        return s;
    }
}
