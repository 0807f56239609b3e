package io.setlist.scheduler.config;

import io.setlist.infra.dynamo.DynamoClients;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the publish and cleanup jobs, from environment variables.
 *
 * @param keepRuns {@code SETLIST_KEEP_RUNS}: published runs kept by the cleanup job, the current one included (3)
 * @param ttl      {@code SETLIST_RUN_TTL_DAYS}: items carry an {@code expires_at} this long after their run (30
 *                 days); it must exceed the longest time one run may stay current
 * @param threads  {@code SETLIST_PUBLISH_THREADS}: parallel BatchWriteItem calls (16)
 * @param http     {@code SETLIST_DYNAMODB_HTTP}: {@code apache} (pooled keep-alive, default) or {@code url}
 */
public record PublishSettings(int keepRuns, Duration ttl, int threads, DynamoClients.Http http) {
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
    }

    public static PublishSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static PublishSettings from(Map<String, String> env) {
        return new PublishSettings(EnvValues.integer(env, "SETLIST_KEEP_RUNS", 3),
                Duration.ofDays(EnvValues.integer(env, "SETLIST_RUN_TTL_DAYS", 30)),
                EnvValues.integer(env, "SETLIST_PUBLISH_THREADS", 16),
                DynamoClients.Http.parse(env.get("SETLIST_DYNAMODB_HTTP")));
    }

}
