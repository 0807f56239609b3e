package io.setlist.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

/** The server-side percentile bounds come from the right series and from the requests between two scrapes only. */
class ServerLatencyTest {
    private static final String ROUTE = "/v1/models/{name}/predictions";

    private static String scrape(long le1ms, long le5ms, long le25ms, long inf) {
        String labels = "method=\"POST\",route=\"" + ROUTE + "\",status=\"200\"";
        return "# TYPE setlist_http_requests_seconds histogram\n"
                + "setlist_http_requests_seconds_bucket{" + labels + ",le=\"0.001\"} " + le1ms + "\n"
                + "setlist_http_requests_seconds_bucket{" + labels + ",le=\"0.005\"} " + le5ms + "\n"
                + "setlist_http_requests_seconds_bucket{" + labels + ",le=\"0.025\"} " + le25ms + "\n"
                + "setlist_http_requests_seconds_bucket{" + labels + ",le=\"+Inf\"} " + inf + "\n"
                // another status and another route must not count
                + "setlist_http_requests_seconds_bucket{method=\"POST\",route=\"" + ROUTE
                + "\",status=\"400\",le=\"+Inf\"} 999\n"
                + "setlist_http_requests_seconds_bucket{method=\"GET\",route=\"/metrics\",status=\"200\",le=\"+Inf\"}"
                + " 7\n";
    }

    @Test
    void boundsCoverOnlyTheRequestsBetweenTheScrapes() {
        TreeMap<Double, Long> before = ServerLatency.buckets(scrape(50, 50, 50, 50), ROUTE);
        // 100 more: 10 under 1 ms, 80 more under 5 ms, 8 more under 25 ms, 2 above
        TreeMap<Double, Long> after = ServerLatency.buckets(scrape(60, 140, 148, 150), ROUTE);
        assertThat(after).containsEntry(Double.POSITIVE_INFINITY, 150L).hasSize(4);
        assertThat(ServerLatency.quantileBound(before, after, 0.5)).isEqualTo(5.0);
        assertThat(ServerLatency.quantileBound(before, after, 0.98)).isEqualTo(25.0);
        assertThat(ServerLatency.quantileBound(before, after, 0.99)).isInfinite();
        assertThat(ServerLatency.quantileBound(after, after, 0.5)).isNaN();
    }
}
