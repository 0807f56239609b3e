package io.setlist.lab.bench;

import io.setlist.infra.store.PublishedRuns;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.scheduler.api.ApiServer;
import io.setlist.scheduler.api.RouteServices;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.ApiSettings;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.scheduler.predictions.CompletionPredictions;
import io.setlist.scheduler.predictions.PredictionFeatures;
import io.setlist.scheduler.queue.PredictionBroker;
import io.setlist.sql.completion.FeatureStore;
import io.setlist.sql.completion.PlayFeatureSource;
import io.setlist.sql.completion.WarehouseListening;
import io.setlist.sql.events.EventCalendar;
import io.setlist.sql.runs.RunLedger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench predictions}: {@code POST /v1/models/completion/predictions} over loopback HTTP against two API servers
 * in this process on the same warehouse and champion, one serving feature rows from the window path (the baseline,
 * {@code SETLIST_PREDICTION_FEATURES=window}) and one from the feature store ({@code store}). Per batch size: p50/p99
 * of sequential requests, then predictions/s with {@code clients} concurrent clients, and the store/window ratios.
 * The plays are PLAYs of the warehouse's last 3 days (so 3 windows per large batch), keys as a client sends them.
 * The store is built before the first request, and its size printed ({@link StoreFacts}), as a serving node
 * builds it before it says READY. Before its timed requests the store's server gets {@code warmUp} untimed requests
 * of every size, as a serving node has answered many before the ones that count: without them the 1-item pass, the
 * first, ran while the JIT was still compiling the HTTP, JSON and scoring path.
 */
public final class SyncPredictionsBench {
    private static final int[] SIZES = {1, 100, 1000};
    private static final String ROUTE = "/v1/models/{name}/predictions";


    /**
     * @param storeRequests  timed requests per size on the store (the window path gets {@code windowRequests})
     * @param clients        concurrent clients of the throughput pass
     * @param boundedWindow  the window path gets its timed requests only (no warm-up, no concurrent pass; its
     *                       predictions/s from those): on tens of millions of events one request takes minutes
     * @param warmUp         untimed requests of each size on the store before any timed one
     */
    public record Settings(int storeRequests, int windowRequests, int clients, long seed, boolean boundedWindow,
                           int warmUp) {
        /** Refuses counts no run can use, naming the {@code bench predictions} option that set them. */
        public Settings {
            if (storeRequests < 1) {
                throw new IllegalArgumentException("--requests must be at least 1, got " + storeRequests);
            }
            if (warmUp < 0) {
                throw new IllegalArgumentException("--warm-up must be at least 0, got " + warmUp);
            }
            if (clients < 1) {
                throw new IllegalArgumentException("--clients must be at least 1, got " + clients);
            }
            // The bounded window pass (--events) may be skipped; the full one also sets the predictions/s baseline.
            int leastWindow = boundedWindow ? 0 : 1;
            if (windowRequests < leastWindow) {
                throw new IllegalArgumentException("--baseline-requests must be at least " + leastWindow
                        + (boundedWindow ? "" : " without --events") + ", got " + windowRequests);
            }
        }
    }

    private SyncPredictionsBench() {
    }

    /** Runs the benchmark on a warehouse that has events and a completion champion; prints the table. */
    public static void run(Backends backends, Config config, Settings s) throws Exception {
        LocalDate last = new EventCalendar(backends.warehouse()).lastEventDay()
                .orElseThrow(() -> new IllegalStateException("the warehouse has no events: import some first"));
        long trainStart = System.nanoTime();
        new CompletionModels(backends.warehouse()).trainIfNoChampion(last, "gradient-boosted-trees",
                "bench predictions").ifPresent(t -> System.out.printf("trained a completion champion for %s in %.0f s%n",
                last, (System.nanoTime() - trainStart) / 1e9));
        List<String> items = plays(backends, last, s.seed());
        String key = new ApiKeys(backends.warehouse()).create("bench-predictions-" + System.nanoTime(), Scope.READ)
                .secret();
        ApiSettings unlimited = config.api().withRate(1_000_000, 1_000_000);
        try (PredictionBroker broker = PredictionBroker.open(backends, config.withQueue(
                config.queue().withWorkers(0)), new CompletionPredictions(backends.warehouse(), config.abSplit()))) {
            FeatureStore features = (FeatureStore) PredictionFeatures.STORE.open(backends.apiWarehouse());
            StoreFacts.measure(features).print(System.out);
            ApiServer window = server(backends, unlimited, broker,
                    PredictionFeatures.WINDOW.open(backends.apiWarehouse()), config);
            ApiServer store = server(backends, unlimited, broker, features, config);
            try {
                HttpClient http = HttpClient.newHttpClient();
                double[] serverP50 = new double[SIZES.length];
                double[] serverP99 = new double[SIZES.length];
                warmUp(http, store.port(), key, items, s.warmUp());
                System.out.printf("window path: %d timed requests a size%s; store: %d (then as many over %d clients)%n",
                        s.windowRequests(), s.boundedWindow() ? " (no warm-up, no concurrent pass: predictions/s from "
                                + "the sequential requests)" : " (then as many over " + s.clients() + " clients)",
                        s.storeRequests(), s.clients());
                System.out.printf("%-6s %6s %11s %9s %10s %10s %9s %10s %8s %8s%n", "items", "", "window p50",
                        "p99", "pred/s", "store p50", "p99", "pred/s", "p99 x", "pred/s x");
                for (int i = 0; i < SIZES.length; i++) {
                    int size = SIZES[i];
                    double[] w = s.boundedWindow()
                            ? sequential(http, window.port(), key, items, size, s.windowRequests())
                            : measure(http, window.port(), key, items, size, s.windowRequests(), s.clients(), null);
                    double[] st = measure(http, store.port(), key, items, size, s.storeRequests(), s.clients(),
                            new ServerLatency(http, store.port(), key, ROUTE));
                    serverP50[i] = st[3];
                    serverP99[i] = st[4];
                    // --baseline-requests 0 times no window request: say so rather than print NaN
                    String[] wc = s.windowRequests() > 0
                            ? new String[] {String.format("%.1f ms", w[0]), String.format("%.1f ms", w[1]),
                                String.format("%.1f", w[2]), String.format("%.0fx", w[1] / st[1]),
                                String.format("%.0fx", st[2] / w[2])}
                            : new String[] {"not run", "-", "-", "-", "-"};
                    System.out.printf("%-6d %6s %11s %9s %10s %7.2f ms %6.2f ms %10.0f %8s %8s%n", size, "",
                            wc[0], wc[1], wc[2], st[0], st[1], st[2], wc[3], wc[4]);
                }
                System.out.println("store, the server's own timing of the same sequential requests (Javalin, first to "
                        + "last byte; its histogram's bucket bound that holds the percentile):");
                for (int i = 0; i < SIZES.length; i++) {
                    System.out.printf("%-6d server p50 <= %s ms, p99 <= %s ms%n", SIZES[i], bound(serverP50[i]),
                            bound(serverP99[i]));
                }
            } finally {
                window.close();
                store.close();
            }
        }
    }

    private static ApiServer server(Backends backends, ApiSettings settings, PredictionBroker broker,
                                    PlayFeatureSource features, Config config) {
        CompletionPredictions predictions = new CompletionPredictions(backends.apiWarehouse(), config.abSplit(),
                features);
        return ApiServer.start(new PublishedRuns(backends.dynamo(), backends.tables()),
                new ApiKeys(backends.apiWarehouse()), settings,
                new RouteServices(backends.apiWarehouse(), new RunLedger(backends.apiWarehouse()), List.of(),
                        Optional.empty(), Duration.ofHours(36), Clock.systemUTC(), predictions, broker.async()),
                "127.0.0.1", 0);
    }

    private static String bound(double ms) {
        return Double.isNaN(ms) ? "-" : Double.isInfinite(ms) ? "inf" : String.format("%.1f", ms);
    }

    /** {@code requests} untimed requests of every size, sizes interleaved, from past the items the timed ones use. */
    private static void warmUp(HttpClient http, int port, String key, List<String> items, int requests)
            throws Exception {
        if (requests == 0) {
            return;
        }
        long t0 = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            for (int size : SIZES) {
                post(http, port, key, batch(items, items.size() / 2 + r * size, size));
            }
        }
        System.out.printf("store warmed up with %d untimed requests of each size in %.1f s%n", requests,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * [p50 ms, p99 ms, predictions/s, server p50 bound, server p99 bound]: {@code requests} sequential timed
     * requests, then as many over the clients; the server's bounds ({@link ServerLatency}) of the sequential ones,
     * NaN without {@code server}.
     */
    private static double[] measure(HttpClient http, int port, String key, List<String> items, int size,
                                    int requests, int clients, ServerLatency server) throws Exception {
        post(http, port, key, batch(items, 0, size)); // warm-up
        TreeMap<Double, Long> before = server == null ? null : server.scrape();
        double[] ms = timed(http, port, key, items, size, requests);
        TreeMap<Double, Long> after = server == null ? null : server.scrape();
        Arrays.sort(ms);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int r = client; r < requests; r += clients) {
                        post(http, port, key, batch(items, (requests + r) * size, size));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {ms[(requests - 1) / 2], ms[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)],
                    (double) requests * size / seconds,
                    server == null ? Double.NaN : ServerLatency.quantileBound(before, after, 0.5),
                    server == null ? Double.NaN : ServerLatency.quantileBound(before, after, 0.99)};
        } finally {
            pool.shutdown();
        }
    }

    /** [p50 ms, p99 ms, predictions/s] of {@code requests} sequential requests, nothing else (NaN for none). */
    private static double[] sequential(HttpClient http, int port, String key, List<String> items, int size,
                                       int requests) throws Exception {
        if (requests == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] ms = timed(http, port, key, items, size, requests);
        double total = Arrays.stream(ms).sum();
        Arrays.sort(ms);
        return new double[] {ms[(requests - 1) / 2], ms[requests - 1], requests * size / (total / 1e3)};
    }

    /** Milliseconds of {@code requests} sequential requests of {@code size} items, in the order sent. */
    private static double[] timed(HttpClient http, int port, String key, List<String> items, int size,
                                  int requests) throws Exception {
        double[] ms = new double[requests];
        for (int r = 0; r < requests; r++) {
            String body = batch(items, (r + 1) * size, size);
            long t0 = System.nanoTime();
            post(http, port, key, body);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static void post(HttpClient http, int port, String key, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/models/completion/predictions"))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(15)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("predictions answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A JSON batch of {@code size} plays, starting at {@code from} in the shuffled list (wrapping). */
    private static String batch(List<String> items, int from, int size) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ",").append(items.get(Math.floorMod(from + i, items.size())));
        }
        return b.append(']').toString();
    }

    /** PLAYs of the last 3 days as request items, shuffled. */
    private static List<String> plays(Backends backends, LocalDate last, long seed) {
        long end = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long from = end - 3 * 86_400_000L;
        ListeningData data = new WarehouseListening(backends.warehouse()).read(Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(end));
        FeatureTable table = data.features();
        List<String> items = new ArrayList<>(table.rows());
        for (int r = 0; r < table.rows(); r++) {
            items.add("{\"userId\":\"" + data.userKeys()[table.user()[r]] + "\",\"trackId\":\""
                    + data.trackKeys()[table.track()[r]] + "\",\"timestamp\":\"" + Instant.ofEpochMilli(table.ts()[r])
                    + "\"}");
        }
        java.util.Collections.shuffle(items, new java.util.Random(seed));
        return items;
    }
}
