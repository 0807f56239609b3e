package io.setlist.scheduler.config;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.recommender.cache.CacheTier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing the environment into {@link Config}: defaults, overrides, validation messages, sources, masking. */
class ConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheEmbeddedDefaults() {
        Config c = Config.parse(Map.of());
        assertThat(c.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".setlist"));
        assertThat(c.warehouse()).isEqualTo(new WarehouseSettings(null, "postgres", "", 54329));
        assertThat(c.warehouse().embedded()).isTrue();
        assertThat(c.store()).isEqualTo(new StoreSettings(null, false, null, 54330, "setlist",
                DynamoClients.Http.APACHE, DynamoClients.Timeouts.DEFAULT));
        assertThat(c.store().embedded()).isTrue();
        assertThat(c.api()).isEqualTo(new ApiSettings(8080, 256, 2000, 4000, 10, 4, 1024));
        assertThat(c.publish()).isEqualTo(new PublishSettings(3, Duration.ofDays(30), 16, 10));
        assertThat(c.schedule().dailyCron()).isEqualTo("0 0 3 * * ?");
        assertThat(c.schedule().jobCrons()).isEmpty();
        assertThat(c.schedule().maxAttempts()).isEqualTo(3);
        assertThat(c.schedule().node()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(c.pipeline()).isEqualTo(new PipelineSettings(List.of(new CacheTier("hot", 512L << 20),
                new CacheTier("warm", 4L << 30)), io.setlist.recommender.cache.DemandWeights.DEFAULT,
                io.setlist.recommender.cache.CachePlan.Priority.PER_BYTE, 100, 100, null, 400,
                java.time.Duration.ofSeconds(60), 90, io.setlist.recommender.ranking.NeighbourScoring.DEFAULT, 2000));
        assertThat(c.abSplit().shares()).extracting(s -> s.variant() + ":" + s.weight())
                .containsExactly("champion:50", "challenger:50");
        assertThat(c.runtime()).isEqualTo(new RuntimeSettings(null, false));
    }

    @Test
    void theEnvironmentOverridesEachDefault() {
        Config c = Config.parse(Map.ofEntries(
                Map.entry("SETLIST_HOME", "/srv/setlist"),
                Map.entry("SETLIST_JDBC_URL", "jdbc:postgresql://db:5432/setlist"),
                Map.entry("SETLIST_JDBC_PASSWORD", "hunter2"),
                Map.entry("SETLIST_DYNAMODB_ENDPOINT", "http://localhost:8000"),
                Map.entry("SETLIST_DYNAMODB_HTTP", "url"),
                Map.entry("SETLIST_HTTP_PORT", " 9090 "),
                Map.entry("SETLIST_API_RATE_LIMIT", "50"),
                Map.entry("SETLIST_PUBLISH_ATTEMPTS", "4"),
                Map.entry("SETLIST_CRON_RETENTION", "0 0 1 * * ?"),
                Map.entry("SETLIST_PIPELINE_CRON", "off"),
                Map.entry("SETLIST_INBOX", "/srv/inbox"),
                Map.entry("SETLIST_AB_SPLIT", "v3:20,v4:80"),
                Map.entry("SETLIST_LOG_LEVEL", "debug"),
                Map.entry("SETLIST_NODE", "node-a")));
        assertThat(c.home()).isEqualTo(Path.of("/srv/setlist"));
        assertThat(c.warehouse().embedded()).isFalse();
        assertThat(c.warehouse().jdbcPassword()).isEqualTo("hunter2");
        assertThat(c.store().dynamoEndpoint()).isEqualTo(URI.create("http://localhost:8000"));
        assertThat(c.store().http()).isEqualTo(DynamoClients.Http.URL);
        assertThat(c.api().httpPort()).isEqualTo(9090);
        assertThat(c.api().burst()).as("twice the rate by default").isEqualTo(100);
        assertThat(c.publish().maxAttempts()).isEqualTo(4);
        assertThat(c.schedule().jobCrons()).isEqualTo(Map.of("retention", "0 0 1 * * ?"));
        assertThat(c.schedule().dailyEnabled()).isFalse();
        assertThat(c.schedule().node()).isEqualTo("node-a");
        assertThat(c.pipeline().inbox()).isEqualTo(Path.of("/srv/inbox"));
        assertThat(c.abSplit().shares()).extracting(s -> s.variant()).containsExactly("v3", "v4");
        assertThat(c.runtime().logLevel()).isEqualTo("DEBUG");
        assertThat(c.withHttpPort(0).api().httpPort()).isZero();
    }

    @Test
    void aMalformedValueIsNamedWithItsExpectedForm() {
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_HTTP_PORT", "abc")))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageContaining("SETLIST_HTTP_PORT: expected an integer 0-65535, got \"abc\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_HTTP_PORT", "70000")))
                .hasMessageContaining("SETLIST_HTTP_PORT: expected an integer 0-65535, got \"70000\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_PUBLISH_ATTEMPTS", "0")))
                .hasMessageContaining("SETLIST_PUBLISH_ATTEMPTS: expected an integer 1-1000, got \"0\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_CACHE_TIERS", "hot:lots")))
                .hasMessageContaining("SETLIST_CACHE_TIERS: expected name:capacity,")
                .hasMessageContaining("got \"hot:lots\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_PIPELINE_CRON", "every day")))
                .hasMessageContaining("SETLIST_PIPELINE_CRON: expected a Quartz cron expression or off, got \"every day\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_DYNAMODB", "azure")))
                .hasMessageContaining("SETLIST_DYNAMODB: expected aws (or unset), got \"azure\"");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_JDBC_URL", "postgres://db/x?password=s3cret")))
                .hasMessageContaining("SETLIST_JDBC_URL: expected a JDBC URL")
                .hasMessageContaining("password=****").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_AB_SPLIT", "champion:50,canary:50")))
                .hasMessageContaining("SETLIST_AB_SPLIT: expected variant:weight")
                .hasMessageContaining("'canary:50'");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_AMQP_URL", "http://u:s3cret@mq")))
                .hasMessageContaining("SETLIST_AMQP_URL: expected an amqp:// or amqps:// URI")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Config.parse(Map.of("SETLIST_API_RATE_LIMIT", "0")))
                .hasMessageContaining("SETLIST_API_RATE_LIMIT: expected a number > 0, got \"0\"");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Config.Parsed parsed = Config.read(Map.of("SETLIST_HTTP_PORT", "abc", "SETLIST_KEEP_RUNS", "0",
                "SETLIST_LOG_LEVEL", "LOUD"));
        assertThat(parsed.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("SETLIST_HTTP_PORT:"))
                .anySatisfy(p -> assertThat(p).startsWith("SETLIST_KEEP_RUNS: expected a positive integer"))
                .anySatisfy(p -> assertThat(p).startsWith("SETLIST_LOG_LEVEL: expected TRACE, DEBUG"));
        assertThatThrownBy(parsed::config).isInstanceOf(Config.InvalidConfigException.class)
                .satisfies(e -> assertThat(((Config.InvalidConfigException) e).problems()).hasSize(3));
    }

    @Test
    void theListingSaysWhereEachValueCameFromAndMasksSecrets() {
        Config.Parsed parsed = Config.read(Map.of("SETLIST_HTTP_PORT", "9090",
                "SETLIST_JDBC_URL", "jdbc:postgresql://db/setlist?user=app&password=s3cret",
                "SETLIST_JDBC_PASSWORD", "hunter2", "SETLIST_AB_SALT", "exp-7",
                "SETLIST_AMQP_URL", "amqp://app:rabb1t@mq:5672/%2F"));
        Map<String, ConfigParser.Setting> byName = new java.util.HashMap<>();
        parsed.settings().forEach(s -> byName.put(s.variable(), s));

        assertThat(byName.get("SETLIST_HTTP_PORT").value()).isEqualTo("9090");
        assertThat(byName.get("SETLIST_HTTP_PORT").source()).isEqualTo(ConfigParser.Source.ENVIRONMENT);
        assertThat(byName.get("SETLIST_KEEP_RUNS").value()).isEqualTo("3");
        assertThat(byName.get("SETLIST_KEEP_RUNS").source()).isEqualTo(ConfigParser.Source.DEFAULT);
        assertThat(byName.get("SETLIST_JDBC_PASSWORD").value()).isEqualTo("****");
        assertThat(byName.get("SETLIST_AB_SALT").value()).isEqualTo("****");
        assertThat(byName.get("SETLIST_JDBC_URL").value()).isEqualTo("jdbc:postgresql://db/setlist?user=app&password=****");
        assertThat(byName.get("SETLIST_AMQP_URL").value()).isEqualTo("amqp://app:****@mq:5672/%2F");
        assertThat(parsed.config().queue().amqpUrl().getHost()).isEqualTo("mq");
        assertThat(parsed.settings()).noneSatisfy(s -> assertThat(s.value()).contains("rabb1t"))
                .noneSatisfy(s -> assertThat(s.value()).contains("hunter2"))
                .noneSatisfy(s -> assertThat(s.value()).contains("s3cret"))
                .noneSatisfy(s -> assertThat(s.value()).contains("exp-7"));
        assertThat(parsed.settings()).extracting(ConfigParser.Setting::variable).doesNotHaveDuplicates()
                .contains("SETLIST_CRON_PUBLISH", "SETLIST_DEBUG", "SETLIST_JAVA_OPTS", "AWS_REGION");
    }
}
