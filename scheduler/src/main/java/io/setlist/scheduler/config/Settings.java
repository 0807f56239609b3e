package io.setlist.scheduler.config;

import io.setlist.recommender.cache.CacheTier;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting Setlist reads, from environment variables, with its default. Nothing set means the embedded
 * defaults: a PostgreSQL and a DynamoDB-compatible server started on loopback with data under {@code ~/.setlist}.
 *
 * @param home            {@code SETLIST_HOME}: embedded data and generated demo data ({@code ~/.setlist})
 * @param jdbcUrl         {@code SETLIST_JDBC_URL}: your PostgreSQL; unset = embedded
 * @param jdbcUser        {@code SETLIST_JDBC_USER} ({@code postgres})
 * @param jdbcPassword    {@code SETLIST_JDBC_PASSWORD} (empty)
 * @param embeddedPgPort  {@code SETLIST_EMBEDDED_PG_PORT} (54329)
 * @param dynamoEndpoint  {@code SETLIST_DYNAMODB_ENDPOINT}: e.g. a DynamoDB Local; unset = embedded, unless
 *                        {@code SETLIST_DYNAMODB=aws}
 * @param useAws          {@code SETLIST_DYNAMODB=aws}: AWS itself, default region and credential chain
 * @param awsRegion       {@code AWS_REGION} (SDK default chain; {@code us-east-1} for local endpoints)
 * @param embeddedDynamoPort {@code SETLIST_EMBEDDED_DYNAMODB_PORT} (54330)
 * @param tablePrefix     {@code SETLIST_TABLE_PREFIX} ({@code setlist})
 * @param httpPort        {@code SETLIST_HTTP_PORT} (8080)
 * @param cacheTiers      {@code SETLIST_CACHE_TIERS}: {@code name:capacity,...} fastest first
 *                        ({@code hot:512MiB,warm:4GiB})
 * @param neighbours      {@code SETLIST_NEIGHBOURS}: k of the user-user neighbourhood (50)
 * @param recommendations {@code SETLIST_RECOMMENDATIONS}: artists kept per user (100)
 * @param inbox           {@code SETLIST_INBOX}: a directory whose new CSV files the {@code import} job loads
 *                        first in each daily run; unset = no import job
 * @param eventRetentionDays {@code SETLIST_EVENT_RETENTION_DAYS}: events older than this many days before the
 *                        business date are purged, a whole month partition at a time (400)
 * @param predictionRetentionDays {@code SETLIST_PREDICTION_RETENTION_DAYS}: predictions the API served longer ago
 *                        than this are deleted from {@code prediction_log} by the daily purge (90; at least 1)
 */
public record Settings(Path home, String jdbcUrl, String jdbcUser, String jdbcPassword, int embeddedPgPort,
                       URI dynamoEndpoint, boolean useAws, String awsRegion, int embeddedDynamoPort,
                       String tablePrefix, int httpPort, List<CacheTier> cacheTiers,
                       int neighbours, int recommendations, Path inbox, int eventRetentionDays,
                       int predictionRetentionDays) {
    public Settings {
        if (predictionRetentionDays < 1) {
            throw new IllegalArgumentException("SETLIST_PREDICTION_RETENTION_DAYS must be at least 1, got "
                    + predictionRetentionDays);
        }
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        String home = env.getOrDefault("SETLIST_HOME", System.getProperty("user.home") + "/.setlist");
        String endpoint = env.get("SETLIST_DYNAMODB_ENDPOINT");
        return new Settings(
                Path.of(home),
                blankToNull(env.get("SETLIST_JDBC_URL")),
                env.getOrDefault("SETLIST_JDBC_USER", "postgres"),
                env.getOrDefault("SETLIST_JDBC_PASSWORD", ""),
                EnvValues.integer(env, "SETLIST_EMBEDDED_PG_PORT", 54329),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                "aws".equalsIgnoreCase(env.getOrDefault("SETLIST_DYNAMODB", "")),
                blankToNull(env.get("AWS_REGION")),
                EnvValues.integer(env, "SETLIST_EMBEDDED_DYNAMODB_PORT", 54330),
                env.getOrDefault("SETLIST_TABLE_PREFIX", "setlist"),
                EnvValues.integer(env, "SETLIST_HTTP_PORT", 8080),
                parseTiers(env.getOrDefault("SETLIST_CACHE_TIERS", "hot:512MiB,warm:4GiB")),
                EnvValues.integer(env, "SETLIST_NEIGHBOURS", 50),
                EnvValues.integer(env, "SETLIST_RECOMMENDATIONS", 100),
                blankToNull(env.get("SETLIST_INBOX")) == null ? null : Path.of(env.get("SETLIST_INBOX")),
                EnvValues.integer(env, "SETLIST_EVENT_RETENTION_DAYS", 400),
                EnvValues.integer(env, "SETLIST_PREDICTION_RETENTION_DAYS", 90));
    }

    public Settings withHome(Path newHome) {
        return new Settings(newHome, jdbcUrl, jdbcUser, jdbcPassword, embeddedPgPort, dynamoEndpoint, useAws,
                awsRegion, embeddedDynamoPort, tablePrefix, httpPort, cacheTiers, neighbours, recommendations, inbox,
                eventRetentionDays, predictionRetentionDays);
    }

    public Settings withHttpPort(int port) {
        return new Settings(home, jdbcUrl, jdbcUser, jdbcPassword, embeddedPgPort, dynamoEndpoint, useAws,
                awsRegion, embeddedDynamoPort, tablePrefix, port, cacheTiers, neighbours, recommendations, inbox,
                eventRetentionDays, predictionRetentionDays);
    }

    public boolean embeddedPostgres() {
        return jdbcUrl == null;
    }

    public boolean embeddedDynamo() {
        return dynamoEndpoint == null && !useAws;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Parses {@code hot:512MiB,warm:4GiB}; units B, KiB, MiB, GiB, TiB (or KB/MB/GB/TB as powers of 1024). */
    public static List<CacheTier> parseTiers(String spec) {
        List<CacheTier> tiers = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2 || kv[0].isBlank() || !kv[0].matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("SETLIST_CACHE_TIERS: expected name:capacity (name in [a-z0-9-]), "
                        + "got '" + part + "'");
            }
            tiers.add(new CacheTier(kv[0], parseBytes(kv[1].trim())));
        }
        return List.copyOf(tiers);
    }

    private static long parseBytes(String s) {
        String upper = s.toUpperCase(Locale.ROOT).replace("IB", "B");
        long unit = 1;
        String[][] units = {{"TB", "1099511627776"}, {"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}};
        for (String[] u : units) {
            if (upper.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                upper = upper.substring(0, upper.length() - u[0].length());
                break;
            }
        }
        try {
            long value = Long.parseLong(upper.trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SETLIST_CACHE_TIERS: capacity must be a positive size like 512MiB, "
                    + "got '" + s + "'");
        }
    }
}
