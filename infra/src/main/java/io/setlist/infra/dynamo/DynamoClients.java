package io.setlist.infra.dynamo;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Builds the one {@link DynamoDbClient} a process uses: AWS with the default region and credential chain, or a
 * local endpoint (dynalite, DynamoDB Local) when one is given.
 *
 * <p>Every call is bounded ({@link Timeouts}): an attempt of a point read or write ends within
 * {@code SETLIST_DYNAMODB_TIMEOUT_MS} (1 s) and the whole call, retries included, within twice that, so a hung store
 * costs a caller one or two seconds and a dead one (connection refused) milliseconds, not the SDK's default of
 * several 30 s socket waits. Twice, not once: the first call of a cold JVM can take over a second by itself, and its
 * retry then succeeds. Bulk calls (a 25-item batch write, a 1 MB scan page) pass {@link #BULK} instead.
 */
public final class DynamoClients {
    /** A bulk call's own bound: a batch or scan page may legitimately take seconds on a loaded server. */
    public static final Duration BULK_TIMEOUT = Duration.ofSeconds(30);
    /** The per-request override of bulk calls ({@code BatchWriteItem}, {@code Scan}, long {@code Query}s). */
    public static final AwsRequestOverrideConfiguration BULK = AwsRequestOverrideConfiguration.builder()
            .apiCallAttemptTimeout(BULK_TIMEOUT).apiCallTimeout(BULK_TIMEOUT.multipliedBy(3)).build();

    private DynamoClients() {
    }

    /**
     * How long one call may take, from environment variables.
     *
     * @param call        {@code SETLIST_DYNAMODB_TIMEOUT_MS} (1000): one attempt of a call; the call with its retries
     *                    ends within twice this
     * @param maxAttempts {@code SETLIST_DYNAMODB_MAX_ATTEMPTS} (3): attempts of a call (throttled, timed out,
     *                    connection refused or reset), within the call's time
     */
    public record Timeouts(Duration call, int maxAttempts) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(1), 3);

        public Timeouts {
            if (call.toMillis() < 10 || call.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("SETLIST_DYNAMODB_TIMEOUT_MS must be 10..300000, got "
                        + call.toMillis());
            }
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("SETLIST_DYNAMODB_MAX_ATTEMPTS must be 1..10, got " + maxAttempts);
            }
        }
    }

    /**
     * The HTTP client under the SDK ({@code SETLIST_DYNAMODB_HTTP}). {@code apache}: a pool of keep-alive
     * connections sized for the publisher's parallel batches, the default. {@code url}: the JDK's
     * HttpURLConnection, smaller and slower (see README, publish benchmark).
     */
    public enum Http {
        APACHE, URL;

        public static Http parse(String value) {
            if (value == null || value.isBlank()) {
                return APACHE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SETLIST_DYNAMODB_HTTP must be 'apache' or 'url', got '" + value + "'");
            }
        }
    }

    /**
     * @param endpoint a local or custom endpoint, or {@code null} for AWS itself
     * @param region   the region, or {@code null} for the SDK's default region chain
     */
    public static DynamoDbClient create(URI endpoint, String region) {
        return create(endpoint, region, Http.APACHE, 64);
    }

    public static DynamoDbClient create(URI endpoint, String region, Http http, int maxConnections) {
        return create(endpoint, region, http, maxConnections, Timeouts.DEFAULT);
    }

    public static DynamoDbClient create(URI endpoint, String region, Http http, int maxConnections,
                                        Timeouts timeouts) {
        // The socket bounds are the bulk ones; a point call is cut shorter by its call timeout.
        Duration connect = timeouts.call().compareTo(Duration.ofSeconds(5)) < 0 ? timeouts.call() : Duration.ofSeconds(5);
        SdkHttpClient.Builder<?> httpClient = switch (http) {
            case APACHE -> Apache5HttpClient.builder()
                    .maxConnections(maxConnections)
                    .tcpKeepAlive(true)
                    .connectionTimeout(connect)
                    .socketTimeout(BULK_TIMEOUT);
            case URL -> UrlConnectionHttpClient.builder()
                    .connectionTimeout(connect)
                    .socketTimeout(BULK_TIMEOUT);
        };
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(httpClient)
                // The publisher does its own capped, jittered retries of unprocessed items; the SDK retries
                // transient errors of single calls, a few times and within the call's time.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(timeouts.maxAttempts()).build())
                        .apiCallTimeout(timeouts.call().multipliedBy(2))
                        .apiCallAttemptTimeout(timeouts.call())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .region(Region.of(region != null ? region : "us-east-1"))
                    .credentialsProvider(localCredentials());
        } else {
            if (region != null) {
                builder.region(Region.of(region));
            }
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    /**
     * Local servers accept any key, but DynamoDB Local keeps one database per access key id, so the user's key is
     * used when the environment has one. The SDK's own provider reads it: Setlist itself reads no AWS variable.
     */
    private static AwsCredentialsProvider localCredentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(false)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
