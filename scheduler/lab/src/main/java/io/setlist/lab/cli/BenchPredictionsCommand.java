package io.setlist.lab.cli;

import io.setlist.lab.bench.AsyncPredictionsBench;
import io.setlist.lab.bench.ListeningWarehouse;
import io.setlist.lab.bench.LoopbackService;
import io.setlist.lab.bench.SyncPredictionsBench;
import io.setlist.scheduler.config.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = "Prediction routes on loopback. Default: POST /v1/models/completion/predictions, 1, 100 and "
                + "1,000 items, the window path (baseline) against the feature store, on the warehouse of SETLIST_HOME "
                + "(./setlist demo --exit first), or with --events N on a generated warehouse of N events. --async: a throwaway Setlist in this process, POST "
                + "/v1/prediction-requests, then poll every tracking id; exits 1 if any accepted id is not resolved.")
final class BenchPredictionsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.setlist.scheduler.cli.StartupConfig startup;
    @Option(names = "--async", description = "The asynchronous path (POST /v1/prediction-requests).")
    boolean async;
    @Option(names = "--requests", description = "Requests (default: 2000 --async; 200 a size on the store).")
    Integer requests;
    @Option(names = "--baseline-requests", description = "Timed requests a size on the window path (default: 5; "
            + "with --events 1, sequential only, no warm-up or concurrent pass: one takes minutes there; 0 skips it).")
    Integer baselineRequests;
    @Option(names = "--warm-up", defaultValue = "100", description = "Sync: untimed requests of each size on the "
            + "store before the timed ones, so the JIT has compiled the path (default: ${DEFAULT-VALUE}).")
    int warmUp;
    @Option(names = "--items", defaultValue = "10", description = "--async: items per request (default: ${DEFAULT-VALUE}).")
    int items;
    @Option(names = "--clients", description = "Concurrent HTTP clients (default: 16 --async; 2 for predictions/s).")
    Integer clients;
    @Option(names = "--workers", defaultValue = "2", description = "--async: prediction consumers (default: ${DEFAULT-VALUE}).")
    int workers;
    @Option(names = "--timeout", defaultValue = "600", description = "--async: seconds after the last 202 to wait for the backlog (default: ${DEFAULT-VALUE}).")
    int timeout;
    @Option(names = "--events", description = "Sync: generate a listening warehouse of about N events (e.g. 50000000) "
            + "in its own database of the embedded PostgreSQL of SETLIST_HOME, reused by the next run with the same "
            + "--events/--seed/--days, and measure on it instead of the demo warehouse.")
    Long events;
    @Option(names = "--seed", defaultValue = "42", description = "--events: seed of the generated warehouse (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--days", defaultValue = "180", description = "--events: days the generated events span (default: ${DEFAULT-VALUE}).")
    int days;
    @Option(names = "--users", defaultValue = "300", description = "--async: users of the synthetic warehouse (default: ${DEFAULT-VALUE}).")
    int users;

    @Override
    public Integer call() throws Exception {
        if (!async) {
            SyncPredictionsBench.Settings settings = new SyncPredictionsBench.Settings(
                    requests == null ? 200 : requests,
                    baselineRequests != null ? baselineRequests : events != null ? 1 : 5,
                    clients == null ? 2 : clients, 42, events != null, warmUp);
            if (events != null) {
                GeneratedWarehouseBench.run(startup.get(), ListeningWarehouse.Settings.of(events, seed, days),
                        settings);
                return 0;
            }
            try (Backends backends = Backends.open(startup.get())) {
                SyncPredictionsBench.run(backends, startup.get(), settings);
            }
            return 0;
        }
        LabCli.quietLogs(startup.get());
        System.out.printf("starting a loopback Setlist: %d users × 21 days, champion, %d workers...%n", users, workers);
        try (LoopbackService service = LoopbackService.start(users, 21, workers)) {
            AsyncPredictionsBench bench = new AsyncPredictionsBench(service.baseUrl(), service.readKey());
            AsyncPredictionsBench.Result result = bench.run(new AsyncPredictionsBench.Settings(
                    requests == null ? 2000 : requests, clients == null ? 16 : clients, Duration.ofSeconds(timeout)),
                    service.knownItems(items), System.out);
            AsyncPredictionsBench.print(result, System.out);
            return result.exitCode();
        }
    }
}
