package io.setlist.lab.cli;

import io.setlist.lab.bench.AsyncPredictionsBench;
import io.setlist.lab.bench.LoopbackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = "Bounded load test of the prediction routes on loopback, against a throwaway Setlist started "
                + "in this process (fresh PostgreSQL, dynalite and RabbitMQ; a synthetic warehouse with a trained "
                + "champion). --async: POST /v1/prediction-requests, then poll every tracking id; exits 1 if any "
                + "accepted id is not resolved.")
final class BenchPredictionsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.setlist.scheduler.cli.StartupConfig startup;

    @Option(names = "--async", description = "The asynchronous path (POST /v1/prediction-requests).")
    boolean async;

    @Option(names = "--requests", defaultValue = "2000", description = "Requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--items", defaultValue = "10", description = "Items per request (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--workers", defaultValue = "2",
            description = "Prediction consumers of the service (default: ${DEFAULT-VALUE}, as SETLIST_PREDICTION_WORKERS).")
    int workers;

    @Option(names = "--timeout", defaultValue = "600",
            description = "Seconds after the last 202 to wait for the backlog (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--users", defaultValue = "300", description = "Users of the synthetic warehouse (default: ${DEFAULT-VALUE}).")
    int users;

    @Override
    public Integer call() throws InterruptedException {
        if (!async) {
            System.err.println("synchronous bench: see fstore");
            return 2;
        }
        LabCli.quietLogs(startup.get());
        System.out.printf("starting a loopback Setlist: %d users × 21 days, champion, %d workers...%n", users, workers);
        try (LoopbackService service = LoopbackService.start(users, 21, workers)) {
            AsyncPredictionsBench bench = new AsyncPredictionsBench(service.baseUrl(), service.readKey());
            AsyncPredictionsBench.Result result = bench.run(new AsyncPredictionsBench.Settings(requests, clients,
                    Duration.ofSeconds(timeout)), service.knownItems(items), System.out);
            AsyncPredictionsBench.print(result, System.out);
            return result.exitCode();
        }
    }
}
