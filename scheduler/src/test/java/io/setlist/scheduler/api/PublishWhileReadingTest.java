package io.setlist.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.setlist.scheduler.config.ApiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.setlist.scheduler.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers polling through a publish see run A, then run B, never an answer mixing the two; a cursor cut from A is
 * refused once B is current; items only A had are no longer served. Also: the per-key rate limit.
 */
class PublishWhileReadingTest {
    private static final String RUN_A = "2026-11-01.20261102T030000Z";
    private static final String RUN_B = "2026-11-02.20261103T030000Z";
    private static final Map<String, String> TAGS = Map.of(RUN_A, "A", RUN_B, "B");

    @TempDir
    Path home;

    @Test
    void pollingReadersNeverSeeTwoRunsMixedAndMoveForwardOnlyOnce() throws Exception {
        try (ApiFixture api = new ApiFixture(home, ApiFixture.unlimited())) {
            api.publish(RUN_A, "A", 600, 20, 1_100);
            String cursorOfA = json(api.get("/v1/cache/hot/priorities?limit=100", api.readKey))
                    .get("nextCursor").asText();

            AtomicBoolean publishing = new AtomicBoolean(true);
            List<String> seen = new ArrayList<>();
            List<String> mixed = new ArrayList<>();
            Thread reader = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int afterPublish = 0;
                // Keep reading until the new run has been served a while after the publish finished.
                while (System.nanoTime() < deadline && (publishing.get() || afterPublish++ < 300
                        || !seen.get(seen.size() - 1).equals(RUN_B))) {
                    boolean users = ThreadLocalRandom.current().nextBoolean();
                    String path = users
                            ? "/v1/users/u" + ThreadLocalRandom.current().nextInt(600) + "/recommendations?limit=20"
                            : "/v1/cache/hot/priorities?limit=1100";
                    HttpResponse<String> r = api.get(path, api.readKey);
                    if (r.statusCode() != 200) {
                        mixed.add(path + " answered " + r.statusCode() + ": " + r.body());
                        continue;
                    }
                    JsonNode body = json(r);
                    String runId = body.get("runId").asText();
                    String tag = TAGS.get(runId);
                    for (JsonNode item : body.get("items")) {
                        String value = item.get(users ? "name" : "trackId").asText();
                        if (!value.startsWith(tag + ":")) {
                            mixed.add(path + " of run " + runId + " served " + value);
                        }
                    }
                    seen.add(runId);
                }
            }, "polling-reader");
            reader.start();
            Thread.sleep(200);
            api.publish(RUN_B, "B", 600, 20, 1_100);
            publishing.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(90));

            assertThat(mixed).isEmpty();
            assertThat(seen).contains(RUN_A, RUN_B);
            int firstB = seen.indexOf(RUN_B);
            assertThat(seen.subList(firstB, seen.size())).as("never back to A once B is served").containsOnly(RUN_B);

            HttpResponse<String> stale = api.get("/v1/cache/hot/priorities?limit=100&cursor=" + cursorOfA,
                    api.readKey);
            assertThat(stale.statusCode()).isEqualTo(410);
            assertThat(json(stale).get("parameter").asText()).isEqualTo("cursor");

            // A user who only exists in the old run is not served from it, though its items are still stored.
            api.publish("2026-11-03.20261104T030000Z", "C", 100, 5, 10);
            Thread.sleep(ApiServer.POINTER_REFRESH_MILLIS + 200);
            assertThat(api.get("/v1/users/u500/recommendations", api.readKey).statusCode()).isEqualTo(404);
            assertThat(json(api.get("/v1/users/u50/recommendations", api.readKey)).get("items").get(0)
                    .get("name").asText()).startsWith("C:");
        }
    }

    @Test
    void aKeyOverItsRateGets429JsonWithRetryAfterWhileOtherKeysAreServed() {
        ApiSettings strict = ApiSettings.from(Map.of()).withRate(1, 5);
        try (ApiFixture api = new ApiFixture(home, strict)) {
            api.publish(RUN_A, "A", 3, 2, 2);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(api.get("/v1/users/u1/recommendations", api.readKey).statusCode());
            }
            assertThat(statuses.subList(0, 5)).containsOnly(200);
            assertThat(statuses).contains(429);
            HttpResponse<String> limited = api.get("/v1/users/u1/recommendations", api.readKey);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).get("error").asText()).isEqualTo("too_many_requests");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(api.get("/v1/users/u1/recommendations", api.adminKey).statusCode()).isEqualTo(200);
        }
    }
}
