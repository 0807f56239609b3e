package io.setlist.scheduler.config;

import java.util.Map;

/**
 * Settings of the read API, from environment variables.
 *
 * @param cacheMiB        {@code SETLIST_API_CACHE_MIB}: memory for hot DynamoDB items (256); 0 turns the cache off
 * @param ratePerSecond   {@code SETLIST_API_RATE_LIMIT}: requests per second per API key (2000)
 * @param burst           {@code SETLIST_API_RATE_BURST}: requests a key may save up (twice the rate)
 * @param keyCacheSeconds {@code SETLIST_API_KEY_CACHE_SECONDS}: how long the in-memory set of active keys is reused
 *                        (10); a key revoked by another process stops working within this time
 * @param warehouseConnections {@code SETLIST_API_DB_CONNECTIONS}: the read API's own warehouse pool (4), apart from
 *                        the 10 connections of Quartz and the stages
 */
public record ApiSettings(int cacheMiB, double ratePerSecond, double burst, int keyCacheSeconds,
                          int warehouseConnections) {
    /** How long an API request waits for one of its pool's connections before it is answered 503 busy. */
    public static final long WAREHOUSE_WAIT_MILLIS = 2_000;

    public ApiSettings {
        if (cacheMiB < 0) {
            throw new IllegalArgumentException("SETLIST_API_CACHE_MIB must be >= 0, got " + cacheMiB);
        }
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("SETLIST_API_RATE_LIMIT must be > 0 and SETLIST_API_RATE_BURST >= 1");
        }
        if (keyCacheSeconds < 0) {
            throw new IllegalArgumentException("SETLIST_API_KEY_CACHE_SECONDS must be >= 0");
        }
        if (warehouseConnections < 1 || warehouseConnections > 100) {
            throw new IllegalArgumentException("SETLIST_API_DB_CONNECTIONS must be 1..100, got " + warehouseConnections);
        }
    }

    public static ApiSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static ApiSettings from(Map<String, String> env) {
        double rate = number(env, "SETLIST_API_RATE_LIMIT", 2000);
        return new ApiSettings((int) number(env, "SETLIST_API_CACHE_MIB", 256), rate,
                number(env, "SETLIST_API_RATE_BURST", rate * 2), (int) number(env, "SETLIST_API_KEY_CACHE_SECONDS", 10),
                (int) number(env, "SETLIST_API_DB_CONNECTIONS", 4));
    }

    public ApiSettings withCacheMiB(int mib) {
        return new ApiSettings(mib, ratePerSecond, burst, keyCacheSeconds, warehouseConnections);
    }

    public ApiSettings withRate(double perSecond, double newBurst) {
        return new ApiSettings(cacheMiB, perSecond, newBurst, keyCacheSeconds, warehouseConnections);
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
