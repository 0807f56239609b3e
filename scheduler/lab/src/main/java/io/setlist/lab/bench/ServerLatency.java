package io.setlist.lab.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own view of a pass of requests, read from its {@code /metrics}: the cumulative buckets of
 * {@code setlist_http_requests_seconds} for one route (POST, status 200), scraped before and after the pass and
 * subtracted. It tells whether a client-side tail is spent in the server (between Javalin's first and last byte)
 * or outside it (loopback, the client, the JVM's scheduling of the two). The server's buckets are coarse
 * (0.5, 1, 2, 5, 10, 25, 50, 100, 250 ms, ...), so a percentile is given as the bucket bound that holds it.
 */
final class ServerLatency {
    private final HttpClient http;
    private final String metricsUrl;
    private final String key;
    private final String route;

    ServerLatency(HttpClient http, int port, String key, String route) {
        this.http = http;
        this.metricsUrl = "http://127.0.0.1:" + port + "/metrics";
        this.key = key;
        this.route = route;
    }

    /** Cumulative count of requests at or under each bucket bound (seconds), +Inf as infinity. */
    TreeMap<Double, Long> scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return buckets(response.body(), route);
    }

    /** The buckets of {@code route}'s successful POSTs in a Prometheus text scrape (empty when it has none). */
    static TreeMap<Double, Long> buckets(String scrape, String route) {
        TreeMap<Double, Long> out = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("setlist_http_requests_seconds_bucket{") || !line.contains("route=\"" + route + "\"")
                    || !line.contains("method=\"POST\"") || !line.contains("status=\"200\"")) {
                continue;
            }
            int le = line.indexOf("le=\"") + 4;
            String bound = line.substring(le, line.indexOf('"', le));
            double seconds = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            out.put(seconds, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
        return out;
    }

    /**
     * The smallest bucket bound, in milliseconds, holding {@code quantile} of the requests between two scrapes
     * (NaN when none fell between them; infinity when only +Inf holds it).
     */
    static double quantileBound(TreeMap<Double, Long> before, TreeMap<Double, Long> after, double quantile) {
        long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L)
                - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        if (total <= 0) {
            return Double.NaN;
        }
        long needed = (long) Math.ceil(total * quantile);
        for (Map.Entry<Double, Long> e : after.entrySet()) {
            if (e.getValue() - before.getOrDefault(e.getKey(), 0L) >= needed) {
                return e.getKey() * 1e3;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
