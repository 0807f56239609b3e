package io.setlist.lab.cli;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.store.PublishedRuns;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.lab.bench.StoredItems;
import io.setlist.lab.bench.SyntheticRun;
import io.setlist.scheduler.config.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each with its baseline in the same run (figures in README.md).",
        subcommands = {BenchCommand.Publish.class, BenchCommand.Seed.class, WarehouseBench.Import.class,
                WarehouseBench.Retention.class, BenchRecsCommand.class,
                BenchPredictionsCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish a synthetic run (USERS × RECOMMENDATIONS) to a fresh in-memory dynalite per "
                    + "configuration (or SETLIST_DYNAMODB_ENDPOINT), then count its items with a parallel scan. "
                    + "Configurations run one after the other in this process, so their times compare directly.")
    static final class Publish implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--users", defaultValue = "359347", description = "Users (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--recommendations", defaultValue = "100", description = "Artists per user (default: ${DEFAULT-VALUE}).")
        int recommendations;

        @Option(names = "--configs", defaultValue = "apache:16", split = ",", description = "HTTP client and "
                + "parallel batches to compare, e.g. url:8,apache:16,apache:32 (default: ${DEFAULT-VALUE}).")
        List<String> configs;

        @Option(names = "--node-heap-mib", defaultValue = "12288", description = "Heap of each in-memory dynalite "
                + "(default: ${DEFAULT-VALUE}).")
        int nodeHeapMiB;

        @Override
        public Integer call() throws Exception {
            URI endpoint = startup.get().store().dynamoEndpoint();
            System.out.printf("publish %,d users × %d recommendations; store: %s%n", users, recommendations,
                    endpoint == null ? "in-memory dynalite (a fresh one per configuration)" : endpoint);
            System.out.printf("%-8s %7s %10s %9s %12s %9s %12s %6s%n", "http", "batches", "items", "seconds",
                    "items/s", "retries", "scanned", "lost");
            List<double[]> results = new ArrayList<>();
            int exit = 0;
            for (String config : configs) {
                String[] parts = config.split(":");
                DynamoClients.Http http = DynamoClients.Http.parse(parts[0]);
                int threads = Integer.parseInt(parts[1]);
                LocalDynamo dynamo = endpoint == null
                        ? LocalDynamo.startEphemeral(LocalDynamo.defaultDynaliteDir(), nodeHeapMiB) : null;
                try (DynamoDbClient client = DynamoClients.create(dynamo != null ? dynamo.endpoint()
                        : endpoint, null, http, threads + 8)) {
                    DynamoTables tables = new DynamoTables("bench" + System.nanoTime());
                    tables.ensure(client);
                    String runId = "2026-11-01.bench";
                    RunPublisher.Report report = SyntheticRun.publish(new RunPublisher(client, tables, threads,
                            startup.get().publish().maxAttempts()),
                            runId, users, recommendations);
                    long scanned = StoredItems.count(client, tables.recommendations(), "run_id", runId, 8);
                    long lost = users - scanned;
                    if (lost != 0) {
                        exit = 1;
                    }
                    System.out.printf("%-8s %7d %,10d %9.1f %,12.0f %,9d %,12d %6d%n", http.name().toLowerCase(),
                            threads, report.items(), report.seconds(), report.items() / report.seconds(),
                            report.retries(), scanned, lost);
                    results.add(new double[]{report.seconds()});
                } finally {
                    if (dynamo != null) {
                        dynamo.close();
                    }
                }
            }
            if (results.size() > 1) {
                System.out.printf("time vs %s: ", configs.get(0));
                for (int i = 1; i < results.size(); i++) {
                    System.out.printf("%s %.2fx faster  ", configs.get(i), results.get(0)[0] / results.get(i)[0]);
                }
                System.out.println();
            }
            return exit;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Publish a synthetic run into the configured store unless a bench run of this size is "
                    + "already current, and create a read key named 'bench' (printed on stdout) for "
                    + "bench/api-load.sh. With --flip: always publish a new run of this size (a later run id) and "
                    + "create no key, so that a serving API flips to it.")
    static final class Seed implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--users", defaultValue = "359347", description = "Users (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--recommendations", defaultValue = "100", description = "Artists per user (default: ${DEFAULT-VALUE}).")
        int recommendations;

        @Option(names = "--flip", description = "Publish a new run even if one of this size is current; no key.")
        boolean flip;

        @Override
        public Integer call() {
            try (Backends backends = Backends.open(startup.get())) {
                String size = ".bench-" + users + "x" + recommendations;
                // Later than every earlier bench run: the pointer only moves forward.
                String runId = flip ? java.time.LocalDate.now(java.time.ZoneOffset.UTC) + size + "-"
                        + java.time.Instant.now().getEpochSecond() : "2026-11-01" + size;
                boolean current = new PublishedRuns(backends.dynamo(), backends.tables()).currentRun()
                        .map(r -> r.runId().substring(10).equals(size) || r.runId().substring(10).startsWith(size + "-"))
                        .orElse(false);
                if (flip || !current) {
                    RunPublisher.Report report = SyntheticRun.publish(new RunPublisher(backends.dynamo(),
                            backends.tables(), 16, startup.get().publish().maxAttempts()), runId, users, recommendations);
                    System.err.printf("published %s: %,d items in %.1f s%n", runId, report.items(), report.seconds());
                } else {
                    System.err.println("a bench run of " + users + " × " + recommendations + " is already current");
                }
                if (flip) {
                    System.out.println(runId);
                    return 0;
                }
                ApiKeys keys = new ApiKeys(backends.warehouse());
                keys.revoke("bench");
                System.out.println(keys.create("bench", Scope.READ).secret());
            }
            return 0;
        }
    }
}
