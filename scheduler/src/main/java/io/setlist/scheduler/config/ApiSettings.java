package io.setlist.scheduler.config;

import java.util.Map;

/**
 * Settings of the read API, from environment variables.
 *
 * @param cacheMiB        {@code SETLIST_API_CACHE_MIB}: memory for hot DynamoDB items (256); 0 turns the cache off
 * @param ratePerSecond   {@code SETLIST_API_RATE_LIMIT}: requests per second per API key (2000)
 * @param burst           {@code SETLIST_API_RATE_BURST}: requests a key may save up (twice the rate)
 * @param keyCacheSeconds {@code SETLIST_API_KEY_CACHE_SECONDS}: how long a key check is reused (10); a revoked key
 *                        stops working within this time
 * @param snapshotMiB     {@code SETLIST_API_SNAPSHOT_MIB}: heap for the whole current run in memory (1024); a run
 *                        estimated or found larger is served read-through from DynamoDB instead; 0 always does
 */
public record ApiSettings(int cacheMiB, double ratePerSecond, double burst, int keyCacheSeconds, int snapshotMiB) {
    public ApiSettings(int cacheMiB, double ratePerSecond, double burst, int keyCacheSeconds) {
        this(cacheMiB, ratePerSecond, burst, keyCacheSeconds, 1024);
    }

    public ApiSettings {
        if (snapshotMiB < 0) {
            throw new IllegalArgumentException("SETLIST_API_SNAPSHOT_MIB must be >= 0, got " + snapshotMiB);
        }
        if (cacheMiB < 0) {
            throw new IllegalArgumentException("SETLIST_API_CACHE_MIB must be >= 0, got " + cacheMiB);
        }
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("SETLIST_API_RATE_LIMIT must be > 0 and SETLIST_API_RATE_BURST >= 1");
        }
        if (keyCacheSeconds < 0) {
            throw new IllegalArgumentException("SETLIST_API_KEY_CACHE_SECONDS must be >= 0");
        }
    }

    public static ApiSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static ApiSettings from(Map<String, String> env) {
        double rate = number(env, "SETLIST_API_RATE_LIMIT", 2000);
        return new ApiSettings((int) number(env, "SETLIST_API_CACHE_MIB", 256), rate,
                number(env, "SETLIST_API_RATE_BURST", rate * 2), (int) number(env, "SETLIST_API_KEY_CACHE_SECONDS", 10),
                (int) number(env, "SETLIST_API_SNAPSHOT_MIB", 1024));
    }

    public ApiSettings withCacheMiB(int mib) {
        return new ApiSettings(mib, ratePerSecond, burst, keyCacheSeconds, snapshotMiB);
    }

    public ApiSettings withRate(double perSecond, double newBurst) {
        return new ApiSettings(cacheMiB, perSecond, newBurst, keyCacheSeconds, snapshotMiB);
    }

    public ApiSettings withSnapshotMiB(int mib) {
        return new ApiSettings(cacheMiB, ratePerSecond, burst, keyCacheSeconds, mib);
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }
}
