package io.setlist.scheduler.config;

import java.util.Map;

/**
 * Settings of the read API.
 *
 * @param httpPort        port of the read API and the health endpoints; 0 picks a free one
 * @param cacheMiB        memory for hot DynamoDB items; 0 turns the cache off
 * @param ratePerSecond   requests per second per API key
 * @param burst           requests a key may save up
 * @param keyCacheSeconds how long the in-memory set of active keys is reused; a key revoked by another process
 *                        stops working within this time
 * @param warehouseConnections the read API's own warehouse pool, apart from the 10 connections of Quartz and the
 *                        stages
 * @param snapshotMiB     heap for the whole served run in memory; a run estimated or found larger is served
 *                        read-through from DynamoDB instead; 0 always serves read-through
 */
public record ApiSettings(int httpPort, int cacheMiB, double ratePerSecond, double burst, int keyCacheSeconds,
                          int warehouseConnections, int snapshotMiB) {
    /** How long an API request waits for one of its pool's connections before it is answered 503 busy. */
    public static final long WAREHOUSE_WAIT_MILLIS = 2_000;

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
        if (warehouseConnections < 1) {
            throw new IllegalArgumentException("SETLIST_API_DB_CONNECTIONS must be >= 1, got " + warehouseConnections);
        }
    }

    static ApiSettings read(ConfigParser p) {
        int port = p.integer("SETLIST_HTTP_PORT", 8080, 0, 65535, "read API port (`0`: any free port)");
        int cacheMiB = p.integer("SETLIST_API_CACHE_MIB", 256, 0, Integer.MAX_VALUE,
                "memory for hot DynamoDB items in the API; `0` turns the cache off");
        double rate = p.number("SETLIST_API_RATE_LIMIT", "`2000`", 2000, "a number > 0", x -> x > 0,
                "requests per second per API key");
        double burst = p.number("SETLIST_API_RATE_BURST", "twice the rate", rate * 2, "a number >= 1", x -> x >= 1,
                "requests an API key may save up");
        int keyCache = p.integer("SETLIST_API_KEY_CACHE_SECONDS", 10, 0, Integer.MAX_VALUE,
                "how long the API's in-memory set of active keys is reused (a key revoked by another process works at "
                        + "most this long)");
        int connections = p.integer("SETLIST_API_DB_CONNECTIONS", 4, 1, 100,
                "the read API's own warehouse pool, apart from the 10 connections of Quartz and the stages");
        int snapshotMiB = p.integer("SETLIST_API_SNAPSHOT_MIB", 1024, 0, Integer.MAX_VALUE,
                "memory for the whole served run in the API; a larger run is served read-through from DynamoDB; "
                        + "`0` always does");
        return new ApiSettings(port, cacheMiB, rate, burst, keyCache, connections, snapshotMiB);
    }

    /** The API settings of the configuration parsed from {@code environment} (a test's map, say). */
    public static ApiSettings from(Map<String, String> environment) {
        return Config.parse(environment).api();
    }

    public ApiSettings withHttpPort(int port) {
        return new ApiSettings(port, cacheMiB, ratePerSecond, burst, keyCacheSeconds, warehouseConnections,
                snapshotMiB);
    }

    public ApiSettings withCacheMiB(int mib) {
        return new ApiSettings(httpPort, mib, ratePerSecond, burst, keyCacheSeconds, warehouseConnections,
                snapshotMiB);
    }

    public ApiSettings withRate(double perSecond, double newBurst) {
        return new ApiSettings(httpPort, cacheMiB, perSecond, newBurst, keyCacheSeconds, warehouseConnections,
                snapshotMiB);
    }

    public ApiSettings withSnapshotMiB(int mib) {
        return new ApiSettings(httpPort, cacheMiB, ratePerSecond, burst, keyCacheSeconds, warehouseConnections, mib);
    }
}
