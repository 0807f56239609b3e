package io.setlist.scheduler.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the scheduler runs jobs, from environment variables.
 *
 * @param dailyCron      {@code SETLIST_PIPELINE_CRON}: the whole daily chain for yesterday ({@code 0 0 3 * * ?}), UTC;
 *                       {@code off} disables it
 * @param jobCrons       {@code SETLIST_CRON_<JOB>} (e.g. {@code SETLIST_CRON_RETENTION}): a job on its own trigger;
 *                       a job whose inputs are not ready for the date (publish before recommend and completion)
 *                       waits and retries
 * @param maxAttempts    {@code SETLIST_JOB_MAX_ATTEMPTS} (3): attempts of a failing job before it stays failed
 * @param retryBase      {@code SETLIST_JOB_RETRY_SECONDS} (60): first retry delay; doubles per attempt, capped at 1 h
 * @param maxRunAge      {@code SETLIST_MAX_RUN_AGE_HOURS} (36): older published runs make /health/ready DEGRADED
 * @param shutdownGrace  {@code SETLIST_SHUTDOWN_GRACE_SECONDS} (120): how long SIGTERM waits for a running job
 * @param node           {@code SETLIST_NODE} (host name and pid): this node's name in the ledger and in Quartz
 */
public record ScheduleSettings(String dailyCron, Map<String, String> jobCrons, int maxAttempts, Duration retryBase,
                               Duration maxRunAge, Duration shutdownGrace, String node) {
    public static final List<String> JOBS = List.of("import", "retention", "purge", "recommend", "completion", "publish");

    public static ScheduleSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static ScheduleSettings from(Map<String, String> env) {
        Map<String, String> crons = new LinkedHashMap<>();
        for (String job : JOBS) {
            String cron = env.get("SETLIST_CRON_" + job.toUpperCase(Locale.ROOT));
            if (cron != null && !cron.isBlank()) {
                crons.put(job, cron.trim());
            }
        }
        return new ScheduleSettings(
                env.getOrDefault("SETLIST_PIPELINE_CRON", "0 0 3 * * ?").trim(),
                Map.copyOf(crons),
                EnvValues.positive(env, "SETLIST_JOB_MAX_ATTEMPTS", 3),
                Duration.ofSeconds(EnvValues.positive(env, "SETLIST_JOB_RETRY_SECONDS", 60)),
                Duration.ofHours(EnvValues.positive(env, "SETLIST_MAX_RUN_AGE_HOURS", 36)),
                Duration.ofSeconds(EnvValues.positive(env, "SETLIST_SHUTDOWN_GRACE_SECONDS", 120)),
                env.getOrDefault("SETLIST_NODE", defaultNode()));
    }

    public boolean dailyEnabled() {
        return !"off".equalsIgnoreCase(dailyCron);
    }

    /** Delay before attempt {@code attempt + 1}: base · 2^(attempt-1), at most an hour. */
    public Duration retryDelay(int attempt) {
        long seconds = retryBase.toSeconds() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    private static String defaultNode() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
