package io.setlist.scheduler.config;

import io.setlist.infra.dynamo.DynamoClients;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the DynamoDB store is: an endpoint of the user's, AWS itself, or an embedded dynalite on loopback. AWS
 * credentials are not Setlist settings: the AWS SDK reads them itself (its default credential chain:
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, instance roles...).
 *
 * @param dynamoEndpoint     an endpoint (a DynamoDB Local, ...), or {@code null}
 * @param useAws             AWS itself, with the SDK's default region and credential chain
 * @param awsRegion          the region, or {@code null} for the SDK's default ({@code us-east-1} for endpoints)
 * @param embeddedDynamoPort port of the embedded dynalite
 * @param tablePrefix        tables are {@code <prefix>-recommendations}, {@code -cache-priorities}, {@code -runs}
 * @param http               the HTTP client under the SDK
 * @param timeouts           how long one DynamoDB call may take, and its attempts
 */
public record StoreSettings(URI dynamoEndpoint, boolean useAws, String awsRegion, int embeddedDynamoPort,
                            String tablePrefix, DynamoClients.Http http, DynamoClients.Timeouts timeouts) {

    static StoreSettings read(ConfigParser p) {
        return new StoreSettings(
                p.optional("SETLIST_DYNAMODB_ENDPOINT", "embedded", "an http(s) URL",
                        StoreSettings::endpoint,
                        "a DynamoDB endpoint, e.g. a DynamoDB Local at `http://localhost:8000`"),
                Boolean.TRUE.equals(p.optional("SETLIST_DYNAMODB", "", "aws (or unset)", StoreSettings::aws,
                        "`aws`: use AWS itself, with the SDK's default region and credential chain (credentials are "
                                + "the SDK's own: `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, ...)")),
                p.optional("AWS_REGION", "SDK default; `us-east-1` for endpoints", "region of DynamoDB"),
                p.integer("SETLIST_EMBEDDED_DYNAMODB_PORT", 54330, 1, 65535, "port of the embedded DynamoDB server"),
                p.parsed("SETLIST_TABLE_PREFIX", "setlist", "letters, digits, '_', '-' or '.'",
                        StoreSettings::tablePrefix,
                        "tables `<prefix>-recommendations`, `<prefix>-cache-priorities`, `<prefix>-runs`"),
                p.parsed("SETLIST_DYNAMODB_HTTP", "apache", "apache or url", StoreSettings::http,
                        "HTTP client of the AWS SDK: `apache` (pooled keep-alive) or `url` (HttpURLConnection)"),
                new DynamoClients.Timeouts(java.time.Duration.ofMillis(p.integer("SETLIST_DYNAMODB_TIMEOUT_MS", 1000,
                        10, 300_000, "one attempt of a DynamoDB point call; the call with its retries ends within "
                                + "twice this (bulk calls: 30 s an attempt)")),
                        p.integer("SETLIST_DYNAMODB_MAX_ATTEMPTS", 3, 1, 10,
                                "attempts of a DynamoDB call (throttled, timed out, refused), within its time")));
    }

    public boolean embedded() {
        return dynamoEndpoint == null && !useAws;
    }

    private static URI endpoint(String s) {
        try {
            URI uri = new URI(s);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason());
        }
    }

    private static DynamoClients.Http http(String s) {
        try {
            return DynamoClients.Http.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(); // the expected form says it all
        }
    }

    private static boolean aws(String s) {
        if (!s.equalsIgnoreCase("aws")) {
            throw new IllegalArgumentException();
        }
        return true;
    }

    private static String tablePrefix(String s) {
        if (!s.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw new IllegalArgumentException();
        }
        return s;
    }
}
