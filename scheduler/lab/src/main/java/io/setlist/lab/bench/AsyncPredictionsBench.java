package io.setlist.lab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.setlist.scheduler.predictions.CompletionPredictions;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load test of the asynchronous predictions over HTTP: {@code requests} POSTs of the same batch to
 * {@code /v1/prediction-requests} from {@code clients} concurrent clients, then every accepted tracking id polled
 * until it is no longer {@code PENDING} or {@code timeout} has passed since the last 202. Meanwhile
 * {@code /metrics} is read every 200 ms for the queue depth.
 *
 * <p>The backlog's end is the latest {@code finishedAt} the server reports (the finishing transaction's start, a few
 * milliseconds before its commit), so the drain time does not depend on how often the poller asks. The poller walks
 * the pending ids in submission order and waits at the first one still pending: the queue is first in, first out,
 * so it costs about one GET per request rather than one per request per round. At the deadline every id still
 * pending is asked once more; an id still {@code PENDING} then, or unknown (404), is <em>lost</em>.
 *
 * <p>Cost: {@code requests} POSTs, about as many GETs, and the server's work; bounded by {@code timeout}.
 */
public final class AsyncPredictionsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEPTH = Pattern.compile("(?m)^setlist_prediction_queue_depth (\\S+)$");

    /** What one run asks for. */
    public record Settings(int requests, int clients, Duration timeout) {
        public Settings {
            if (requests < 1 || clients < 1 || timeout.isNegative()) {
                throw new IllegalArgumentException("requests and clients must be at least 1, timeout not negative");
            }
        }
    }

    /**
     * The figures of one run. Seconds are wall-clock; {@code drainSeconds} is from the last 202 to the latest
     * {@code finishedAt} (0 when the backlog was gone before the last 202 came back).
     *
     * @param answers  HTTP status of each submission → count (202 accepted; anything else rejected)
     * @param statuses final status of each accepted id → count ({@code DONE}, {@code FAILED}, {@code EXPIRED})
     * @param lost     accepted ids still {@code PENDING} at the deadline, or unknown to the server
     */
    public record Result(int submitted, int accepted, int itemsPerRequest, double submitSeconds, double drainSeconds,
                         double endToEndSeconds, Map<Integer, Integer> answers, Map<String, Integer> statuses,
                         int resolved, int lost, long peakQueueDepth, String firstFailure) {
        public double acceptedPerSecond() {
            return accepted / submitSeconds;
        }

        public int done() {
            return statuses.getOrDefault("DONE", 0);
        }

        public double donePerSecond() {
            return done() / endToEndSeconds;
        }

        /** 0 when every accepted id was resolved; the {@code bench} command's exit code. */
        public int exitCode() {
            return lost == 0 && resolved == accepted ? 0 : 1;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String auth;

    /** @param baseUrl {@code http://host:port} of a Setlist whose completion model has a champion */
    public AsyncPredictionsBench(String baseUrl, String readKey) {
        this.base = baseUrl;
        this.auth = "Bearer " + readKey;
    }

    /** Runs the load test with every request carrying {@code batch}; prints progress lines on {@code out}. */
    public Result run(Settings settings, List<CompletionPredictions.Request> batch, PrintStream out)
            throws InterruptedException {
        String body = body(batch);
        AtomicLong peakDepth = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "queue-depth"));
        sampler.scheduleAtFixedRate(() -> peakDepth.accumulateAndGet(queueDepth(), Math::max),
                0, 200, TimeUnit.MILLISECONDS);
        try {
            out.printf(Locale.ROOT, "submitting %,d requests of %d items with %d clients to %s%n", settings.requests(),
                    batch.size(), settings.clients(), base);
            String[] ids = new String[settings.requests()];
            Map<Integer, Integer> answers = new TreeMap<>();
            long start = System.nanoTime();
            Instant startWall = Instant.now();
            AtomicLong lastAccepted = new AtomicLong(start);
            submit(settings, body, ids, answers, lastAccepted);
            double submitSeconds = (lastAccepted.get() - start) / 1e9;
            Instant lastAcceptedWall = startWall.plusNanos(lastAccepted.get() - start);
            List<String> accepted = new ArrayList<>();
            for (String id : ids) {
                if (id != null) {
                    accepted.add(id);
                }
            }
            out.printf(Locale.ROOT, "accepted %,d of %,d (202) in %.2f s; polling until none is PENDING "
                    + "(at most %d s)%n", accepted.size(), settings.requests(), submitSeconds,
                    settings.timeout().toSeconds());

            Poll poll = poll(accepted, System.nanoTime() + settings.timeout().toNanos());
            Instant end = poll.lastFinished == null ? lastAcceptedWall : poll.lastFinished;
            double drain = Math.max(0, Duration.between(lastAcceptedWall, end).toNanos() / 1e9);
            double endToEnd = Math.max(1e-9, Duration.between(startWall, end).toNanos() / 1e9);
            return new Result(settings.requests(), accepted.size(), batch.size(), Math.max(1e-9, submitSeconds),
                    drain, endToEnd, answers, poll.statuses, poll.resolved, poll.lost,
                    Math.max(0, peakDepth.get()), poll.firstFailure);
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Prints the figures of {@code r}, one per line. */
    public static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "accepted:      %,d of %,d requests (answers %s)%n", r.accepted(), r.submitted(),
                r.answers());
        out.printf(Locale.ROOT, "submit rate:   %,.0f accepted requests/s sustained (%.2f s from the first POST to "
                + "the last 202)%n", r.acceptedPerSecond(), r.submitSeconds());
        out.printf(Locale.ROOT, "backlog:       drained %.2f s after the last 202; peak queue depth %,d ready "
                + "messages%n", r.drainSeconds(), r.peakQueueDepth());
        out.printf(Locale.ROOT, "end to end:    %,.0f finished requests/s, %,.0f predictions/s (%,d DONE × %d items "
                + "in %.2f s)%n", r.donePerSecond(), r.donePerSecond() * r.itemsPerRequest(), r.done(),
                r.itemsPerRequest(), r.endToEndSeconds());
        out.printf(Locale.ROOT, "statuses:      %s%n", r.statuses());
        if (r.firstFailure() != null) {
            out.println("first failure: " + r.firstFailure());
        }
        out.printf(Locale.ROOT, "tracking ids:  %,d accepted, %,d resolved, %,d lost%n", r.accepted(), r.resolved(),
                r.lost());
    }

    private void submit(Settings settings, String body, String[] ids, Map<Integer, Integer> answers,
                        AtomicLong lastAccepted) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), r -> daemon(r, "bench-client"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.length; i = next.getAndIncrement()) {
                        int status = post(body, ids, i);
                        synchronized (answers) {
                            answers.merge(status, 1, Integer::sum);
                        }
                        if (status == 202) {
                            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** The HTTP status, or 0 when the connection failed; on 202 the tracking id goes to {@code ids[i]}. */
    private int post(String body, String[] ids, int i) {
        try {
            HttpResponse<String> r = http.send(request("/v1/prediction-requests")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
                ids[i] = JSON.readTree(r.body()).get("trackingId").asText();
            }
            return r.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static final class Poll {
        final Map<String, Integer> statuses = new TreeMap<>();
        int resolved;
        int lost;
        Instant lastFinished;
        String firstFailure;
    }

    private Poll poll(List<String> accepted, long deadline) throws InterruptedException {
        Poll poll = new Poll();
        List<String> pending = new ArrayList<>(accepted);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            int i = 0;
            while (i < pending.size() && resolve(pending.get(i), poll)) {
                i++;
            }
            pending.subList(0, i).clear();
            if (!pending.isEmpty()) {
                Thread.sleep(100);
            }
        }
        for (String id : pending) { // the deadline passed: one last look at each
            if (!resolve(id, poll)) {
                poll.lost++;
            }
        }
        return poll;
    }

    /** True when {@code id} is finished (counted in {@code poll}) or unknown (counted as lost). */
    private boolean resolve(String id, Poll poll) throws InterruptedException {
        JsonNode status;
        try {
            HttpResponse<String> r = http.send(request("/v1/prediction-requests/" + id).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                poll.lost++;
                return true;
            }
            if (r.statusCode() != 200) {
                return false; // busy or unavailable: ask again
            }
            status = JSON.readTree(r.body());
        } catch (IOException e) {
            return false;
        }
        String s = status.path("status").asText();
        if (s.equals("PENDING")) {
            return false;
        }
        poll.statuses.merge(s, 1, Integer::sum);
        poll.resolved++;
        Instant finished = Instant.parse(status.get("finishedAt").asText());
        if (poll.lastFinished == null || finished.isAfter(poll.lastFinished)) {
            poll.lastFinished = finished;
        }
        if (!s.equals("DONE") && poll.firstFailure == null) {
            poll.firstFailure = s + ": " + status.path("reason").asText();
        }
        return true;
    }

    /** Ready messages in the prediction queue, from {@code /metrics}; -1 when it cannot be read. */
    private long queueDepth() {
        try {
            HttpResponse<String> r = http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = DEPTH.matcher(r.body());
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(30));
    }

    private static String body(List<CompletionPredictions.Request> batch) {
        ArrayNode items = JSON.createArrayNode();
        for (CompletionPredictions.Request r : batch) {
            items.addObject().put("userId", r.userKey()).put("trackId", r.trackKey()).put("timestamp", r.ts().toString());
        }
        return items.toString();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
