package io.setlist.scheduler.config;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the publish and cleanup jobs.
 *
 * @param keepRuns    published runs kept by the cleanup job, the current one included
 * @param ttl         items carry an {@code expires_at} this long after their run; it must exceed the longest time
 *                    one run may stay current
 * @param threads     parallel BatchWriteItem calls
 * @param maxAttempts attempts of one BatchWriteItem batch (unprocessed items retried with capped, jittered
 *                    backoff) before the publish fails
 */
public record PublishSettings(int keepRuns, Duration ttl, int threads, int maxAttempts) {
    public PublishSettings {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("SETLIST_KEEP_RUNS must be >= 1 (the current run), got " + keepRuns);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("SETLIST_RUN_TTL_DAYS must be > 0");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("SETLIST_PUBLISH_THREADS must be 1..256, got " + threads);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("SETLIST_PUBLISH_ATTEMPTS must be >= 1, got " + maxAttempts);
        }
    }

    static PublishSettings read(ConfigParser p) {
        return new PublishSettings(
                p.integer("SETLIST_KEEP_RUNS", 3, 1, Integer.MAX_VALUE,
                        "published runs the cleanup job keeps, the current one included"),
                Duration.ofDays(p.integer("SETLIST_RUN_TTL_DAYS", 30, 1, 36_500, "items expire (DynamoDB TTL) this "
                        + "many days after their run; keep it longer than one run may stay current")),
                p.integer("SETLIST_PUBLISH_THREADS", 16, 1, 256, "parallel `BatchWriteItem` calls of a publish"),
                p.integer("SETLIST_PUBLISH_ATTEMPTS", 10, 1, 1000, "attempts of one `BatchWriteItem` batch "
                        + "(unprocessed items are retried with capped, jittered backoff) before the publish fails"));
    }

    /** The publish settings of the configuration parsed from {@code environment} (a test's map, say). */
    public static PublishSettings from(Map<String, String> environment) {
        return Config.parse(environment).publish();
    }
}
