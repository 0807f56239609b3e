package io.setlist.infra.dynamo;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
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
 */
public final class DynamoClients {
    private DynamoClients() {
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
        SdkHttpClient.Builder<?> httpClient = switch (http) {
            case APACHE -> Apache5HttpClient.builder()
                    .maxConnections(maxConnections)
                    .tcpKeepAlive(true)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30));
            case URL -> UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30));
        };
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(httpClient)
                // The publisher does its own capped, jittered retries of unprocessed items; the SDK retries
                // transient errors of single calls.
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build());
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
