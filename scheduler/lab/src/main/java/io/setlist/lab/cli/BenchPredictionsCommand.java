package io.setlist.lab.cli;

import io.setlist.lab.bench.SyncPredictionsBench;
import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = "Synchronous predictions over loopback HTTP: the window path (baseline) and the feature store, "
                + "1, 100 and 1,000 items, on the warehouse of SETLIST_HOME (import the demo data first: ./setlist "
                + "demo --exit); trains a completion champion when there is none.")
final class BenchPredictionsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--requests", defaultValue = "200", description = "Timed requests per size on the store (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--baseline-requests", defaultValue = "5", description = "Timed requests per size on the window path (default: ${DEFAULT-VALUE}).")
    int baselineRequests;

    @Option(names = "--clients", defaultValue = "2", description = "Concurrent clients of the throughput pass (default: ${DEFAULT-VALUE}).")
    int clients;

    @Override
    public Integer call() throws Exception {
        Config config = startup.get();
        try (Backends backends = Backends.open(config)) {
            SyncPredictionsBench.run(backends, config,
                    new SyncPredictionsBench.Settings(requests, baselineRequests, clients, 42));
        }
        return 0;
    }
}
