package io.setlist.scheduler.config;

import java.time.Duration;
import java.util.Map;

/**
 * The run lease (see {@code RunLedger}): one run of a (job, business date) at a time, across nodes.
 *
 * @param leaseTime {@code SETLIST_RUN_LEASE_SECONDS} (60): how long a run keeps its (job, date) without a
 *                  heartbeat; the holder renews it every third of that. A node that dies frees its jobs this long
 *                  after its last heartbeat, and another run then takes them over.
 */
public record LeaseSettings(Duration leaseTime) {
    public static LeaseSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static LeaseSettings from(Map<String, String> env) {
        return new LeaseSettings(Duration.ofSeconds(EnvValues.positive(env, "SETLIST_RUN_LEASE_SECONDS", 60)));
    }
}
