package io.setlist.lab.cli;

import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.scheduler.cli.ShutdownHook;
import io.setlist.scheduler.cli.StageTable;
import io.setlist.scheduler.cli.ImportSummary;
import io.setlist.scheduler.SetlistService;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.sql.events.EventCalendar;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.recommend.RecommendationTable;
import io.setlist.sql.workload.SyntheticWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate and import a synthetic workload, run the daily pipeline once, print a summary and "
                + "ready-to-paste curl lines, then serve the API until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    /** Fixed so that the demo data, and so every figure it prints, is the same on every machine. */
    static final LocalDate DEMO_FIRST_DAY = LocalDate.parse("2026-10-01");
    static final String DEMO_KEY_NAME = "demo";

    @Option(names = "--users", defaultValue = "3000", description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "30", description = "Days of synthetic events (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--data", description = "Use this directory of Setlist CSV files instead of generating one.")
    Path data;

    @Option(names = "--port", description = "HTTP port (default: SETLIST_HTTP_PORT or 8080).")
    Integer port;

    @Option(names = "--exit", description = "Exit 0 after checking that the API answers, instead of serving.")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Config settings = startup.get();
        LabCli.quietLogs(settings);
        if (port != null) {
            settings = settings.withHttpPort(port);
        }
        Path dir = data;
        if (dir == null) {
            dir = settings.home().resolve("demo-data").resolve(users + "u-" + days + "d-seed42");
            if (!Files.exists(dir.resolve("events.csv"))) {
                SyntheticWorkload.Summary s = SyntheticWorkload.generate(
                        new SyntheticWorkload.Settings(users, days, 42, DEMO_FIRST_DAY), dir);
                System.out.printf("generated %,d users, %,d artists, %,d tracks, %,d play rows, %,d events in %s%n",
                        s.users(), s.artists(), s.tracks(), s.plays(), s.events(), dir);
            }
        } else if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is not a directory");
        }

        Backends backends = Backends.open(settings);
        SetlistService service = null;
        try {
            System.out.println(backends.describe());
            System.out.println("import " + dir + ":");
            ImportSummary.print(WorkloadImport.importDirectory(backends.warehouse(), dir));

            LocalDate businessDate = new EventCalendar(backends.warehouse()).lastEventDay()
                    .orElseThrow(() -> new IllegalStateException("the warehouse has no events: nothing to compute"));
            trainChampionIfNone(backends, businessDate);
            System.out.println("daily pipeline for business date " + businessDate + ":");
            DailyPipeline pipeline = DailyPipeline.standard(backends, settings);
            List<DailyPipeline.StageReport> reports = pipeline.run(businessDate, true);
            StageTable.print(reports);

            service = SetlistService.start(backends, settings, !exit);
            // One demo key at a time: a second demo run replaces the first one's key.
            ApiKeys keys = new ApiKeys(backends.warehouse());
            keys.revoke(DEMO_KEY_NAME);
            String key = keys.create(DEMO_KEY_NAME, Scope.READ).secret();
            String auth = "-H 'Authorization: Bearer " + key + "' ";
            String base = "http://localhost:" + service.port();
            Map<String, String> sampleUsers = new RecommendationTable(backends.warehouse())
                    .sampleUserPerSource(businessDate);
            String tier = settings.pipeline().cacheTiers().get(0).name();
            String userUrl = base + "/v1/users/" + sampleUsers.getOrDefault("neighbours",
                    sampleUsers.values().stream().findFirst().orElse("unknown")) + "/recommendations?limit=5";
            String cacheUrl = base + "/v1/cache/" + tier + "/priorities?limit=10";
            check(userUrl, key);
            String cachePage = check(cacheUrl, key);
            System.out.printf("%nready in %.1f s. Try:%n", (System.nanoTime() - t0) / 1e9);
            System.out.println("  curl -s " + auth + "'" + userUrl + "'");
            sampleUsers.forEach((source, user) -> {
                if (!source.equals("neighbours")) {
                    System.out.println("  curl -s " + auth + "'" + base + "/v1/users/" + user
                            + "/recommendations?limit=5'   # cold start: " + source);
                }
            });
            System.out.println("  curl -s " + auth + "'" + cacheUrl + "'");
            predictionLines(base, auth, key, userUrl, cachePage, businessDate);
            System.out.println("  curl -s '" + base + "/health/ready'   # no key needed");
            System.out.println("  curl -s " + auth + "'" + base + "/v1/users/u000001/recommendations?limit=abc'   # 400");
            System.out.println("  curl -s '" + userUrl + "'   # 401: no key");
            System.out.println("  (read key '" + DEMO_KEY_NAME + "'; ./setlist keys create --scope admin --name ops "
                    + "for /v1/runs/current)");
            System.out.println("  dashboard: " + base + "/dashboard   (sign in with an admin key: "
                    + "./setlist keys create --scope admin --name ops)");
            if (exit) {
                return 0;
            }
            System.out.println("serving until Ctrl-C");
            ShutdownHook.install(service, backends);
            service.awaitShutdown();
            return 0;
        } finally {
            if (exit || service == null) {
                if (service != null) {
                    service.close();
                }
                backends.close();
            }
        }
    }

    /**
     * Both prediction routes need a champion of the completion model, and the completion stage scores with it: the
     * first demo run on a warehouse trains one (the small grid, seconds on the demo data) before the pipeline, later
     * runs keep the one they find.
     */
    private static void trainChampionIfNone(Backends backends, LocalDate businessDate) {
        long t0 = System.nanoTime();
        new CompletionModels(backends.warehouse()).trainIfNoChampion(businessDate, "logistic-regression", "demo")
                .ifPresent(t -> System.out.printf("trained completion model v%d (%s) in %.1f s: the champion%n",
                        t.registration().version(), t.algorithm(), (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Both prediction paths on one item: the synchronous {@code POST /v1/predictions}, and the asynchronous one,
     * submitted now so that the GET line names a real tracking id (DONE once a worker scored it).
     */
    private static void predictionLines(String base, String auth, String key, String userUrl, String cachePage,
                                        LocalDate businessDate) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.JsonNode items = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cachePage).path("items");
        if (items.isEmpty()) {
            return;
        }
        String user = userUrl.replaceAll(".*/v1/users/([^/]+)/.*", "$1");
        String body = "[{\"userId\":\"" + user + "\",\"trackId\":\"" + items.get(0).get("trackId").asText()
                + "\",\"timestamp\":\"" + businessDate + "T20:00:00Z\"}]";
        System.out.println("  curl -s -X POST " + auth + "-d '" + body + "' '" + base
                + "/v1/predictions'   # sync: {model, predictions}, features from the feature store");
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/v1/prediction-requests"))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("  curl -s -X POST " + auth + "-d '" + body + "' '" + base
                + "/v1/prediction-requests'   # async: 202 {trackingId}");
        if (accepted.statusCode() == 202) {
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(accepted.body())
                    .get("trackingId").asText();
            System.out.println("  curl -s " + auth + "'" + base + "/v1/prediction-requests/" + id
                    + "'   # PENDING, then DONE with the result");
        }
    }

    /** The demo only says "ready" after the API really answered 200 from DynamoDB. */
    private static String check(String url, String key) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("API check failed: GET " + url + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }
}
