package io.setlist.scheduler.api;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of made-up keys against real PostgreSQL: it costs the warehouse (almost) nothing, and whatever the API
 * does with its own pool, the main pool (Quartz, the stages) keeps its connections.
 */
class UnauthenticatedFloodTest {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    @TempDir
    static Path home;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, ApiFixture.unlimited());
        api.publish("2026-11-01.20261102T030000Z", "A", 3, 5, 5);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void forgedKeysAreRefusedWithoutADatabaseRoundTrip() {
        CountingDataSource counted = new CountingDataSource(api.backends.apiWarehouse());
        ApiKeys keys = new ApiKeys(counted, Duration.ofSeconds(60));
        String valid = keys.create("flood-valid", io.setlist.scheduler.auth.Scope.READ).secret();
        try (ApiServer server = ApiServer.start(new PublishedRuns(api.backends.dynamo(), api.backends.tables()), keys,
                ApiFixture.unlimited(), new RouteServices(api.backends.apiWarehouse(),
                        new io.setlist.sql.runs.RunLedger(api.backends.apiWarehouse()), List.of(),
                        java.util.Optional.empty(), Duration.ofHours(36), java.time.Clock.systemUTC(),
                        new io.setlist.scheduler.predictions.CompletionPredictions(api.backends.apiWarehouse(),
                                io.setlist.scheduler.config.Config.parse(java.util.Map.of()).abSplit()),
                        io.setlist.scheduler.RealBackends.asyncPredictions(api.backends.apiWarehouse())),
                "127.0.0.1", 0)) {
            assertThat(get(server, "/v1/runs/current", valid).statusCode()).isEqualTo(403); // known key, read scope
            int before = counted.connections.get();
            SecureRandom random = new SecureRandom();
            long t0 = System.nanoTime();
            int forged = 2_000;
            for (int i = 0; i < forged; i++) {
                byte[] raw = new byte[32];
                random.nextBytes(raw);
                String key = "sl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                HttpResponse<String> r = get(server, "/v1/users/u1/recommendations", key);
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int lookups = counted.connections.get() - before;
            // At most one re-read per second of flood (ApiKeys.MISS_RELOAD), not one per forged key.
            assertThat(lookups).as("warehouse connections for %d forged keys in %.1f s", forged, seconds)
                    .isLessThanOrEqualTo((int) Math.ceil(seconds) + 1);
            assertThat(get(server, "/v1/users/u1/recommendations", valid).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSpentApiPoolAnswers503AndLeavesTheSchedulersPoolAlone() throws Exception {
        assertThat(api.get("/v1/users/u1/recommendations", api.readKey).statusCode()).isEqualTo(200);
        List<Connection> held = new ArrayList<>();
        try {
            // Take every connection of the API's pool, as a flood of slow requests would.
            while (true) {
                try {
                    held.add(api.backends.apiWarehouse().getConnection());
                } catch (SQLException spent) {
                    break;
                }
            }
            assertThat(held).hasSize(io.setlist.scheduler.config.ApiSettings.from(java.util.Map.of())
                    .warehouseConnections());
            HttpResponse<String> r = api.get("/v1/retention?from=2026-10-01&to=2026-10-07", api.readKey);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).isEqualTo("busy");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            // Keys are checked from memory: a known key still authenticates, a forged one is still a 401.
            assertThat(api.get("/v1/users/u1/recommendations", api.readKey).statusCode()).isEqualTo(200);
            assertThat(api.get("/v1/users/u1/recommendations", "sl_forged").statusCode()).isEqualTo(401);
            // The scheduler's pool is untouched: all of it is still there.
            List<Connection> main = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Connection c = api.backends.warehouse().getConnection();
                    main.add(c);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                        assertThat(rs.next()).isTrue();
                    }
                }
            } finally {
                for (Connection c : main) {
                    c.close();
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(api.get("/v1/retention?from=2026-10-01&to=2026-10-07", api.readKey).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(ApiServer server, String path, String key) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real pool, counting the connections taken from it: each is a database round trip. */
    private static final class CountingDataSource implements DataSource {
        final AtomicInteger connections = new AtomicInteger();
        private final DataSource real;

        CountingDataSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            connections.incrementAndGet();
            return real.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
