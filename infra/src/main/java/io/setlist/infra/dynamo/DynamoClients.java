package io.setlist.infra.dynamo;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/**
 * Builds the one {@link DynamoDbClient} a process uses: AWS with the default region and credential chain, or a
 * local endpoint (dynalite, DynamoDB Local) when one is given.
 */
public final class DynamoClients {
    private DynamoClients() {
    }

    /**
     * @param endpoint a local or custom endpoint, or {@code null} for AWS itself
     * @param region   the region, or {@code null} for the SDK's default region chain
     */
    public static DynamoDbClient create(URI endpoint, String region) {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
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

    /** Local servers accept any key; real ones from the environment are used when present. */
    private static AwsCredentialsProvider localCredentials() {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (id != null && secret != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
