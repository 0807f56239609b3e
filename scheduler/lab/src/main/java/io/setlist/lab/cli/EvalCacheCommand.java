package io.setlist.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.setlist.lab.replay.CacheEvaluation;
import io.setlist.recommender.cache.DemandWeights;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.ModelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Replay the last days of plays against the Setlist cache plan, LRU, LFU and the Belady oracle, "
                + "at several capacities: byte hit rate and full-play hit rate.")
final class EvalCacheCommand implements Callable<Integer> {
    private static final long DAY_MS = 86_400_000L;

    @Mixin
    EvalSource source;

    @Option(names = "--window-days", defaultValue = "14", description = "Replayed window (default: ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--warmup-days", defaultValue = "28", description = "Days LRU/LFU/Belady see before it (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(names = "--capacities", split = ",", defaultValue = "0.01,0.02,0.05,0.1,0.2,0.4",
            description = "Capacities as shares of the window's working set (default: ${DEFAULT-VALUE}).")
    double[] capacities;

    @Option(names = "--plan-window-days", description = "The plan's recent window in days (default: the shipped default of SETLIST_CACHE_DEMAND_WINDOW_DAYS).")
    Integer planWindowDays;

    @Option(names = "--half-life-days", description = "The plan's recency half-life in days (default: the shipped default of SETLIST_CACHE_DEMAND_HALF_LIFE_DAYS).")
    Double halfLifeDays;

    @Option(names = "--history-weight", description = "The plan's share of the all-history rate (default: the shipped default of SETLIST_CACHE_DEMAND_HISTORY_WEIGHT).")
    Double historyWeight;

    @Option(names = "--tune", description = "Choose the plan's window, half-life and history weight on a validation "
            + "replay of the window-days just before the replayed window (maximising the worst plan/LFU ratio of "
            + "full-play hit rates over the capacities, then the mean), then replay the window once with them.")
    boolean tune;

    @Mixin
    io.setlist.scheduler.cli.StartupConfig startup;

    @Option(names = "--store", description = "Also store the result in the warehouse (table cache_evaluations), "
            + "where the operations dashboard draws its hit-rate curves from.")
    boolean store;

    @Override
    public Integer call() throws Exception {
        ListeningData data = source.read();
        FeatureTable plays = data.features();
        // The model behind the plan is trained and calibrated strictly before the replayed window.
        long windowFrom = (Math.floorDiv(plays.ts()[plays.rows() - 1], DAY_MS) + 1 - windowDays) * DAY_MS;
        DemandWeights weights = new DemandWeights(
                planWindowDays != null ? planWindowDays : DemandWeights.DEFAULT.windowDays(),
                halfLifeDays != null ? halfLifeDays : DemandWeights.DEFAULT.halfLifeDays(),
                historyWeight != null ? historyWeight : DemandWeights.DEFAULT.historyWeight());
        if (tune) {
            weights = tune(plays.between(Long.MIN_VALUE, windowFrom), data);
        }
        long validationFrom = windowFrom - 14 * DAY_MS;
        ModelSelection.Fitted model = ModelSelection.fit("gradient-boosted-trees",
                plays.between(Long.MIN_VALUE, validationFrom), plays.between(validationFrom, windowFrom),
                ModelSelection.Grid.small());
        double[] p = ModelSelection.predict(model.calibrated(), plays);
        CacheEvaluation.Report report = CacheEvaluation.evaluate(plays, data.catalog(), p, windowDays, warmupDays,
                capacities, weights);
        if (store) {
            try (io.setlist.scheduler.config.Backends backends = io.setlist.scheduler.config.Backends.open(
                    startup.get())) {
                long id = new io.setlist.sql.dashboard.StoredCacheEvaluations(backends.warehouse()).store(
                        data.source(), Instant.ofEpochMilli(report.windowFrom()), Instant.ofEpochMilli(report.windowTo()),
                        report.requests(), report.fullPlays(), report.workingSetBytes(), report.rows().stream()
                                .map(r -> new io.setlist.sql.dashboard.StoredCacheEvaluations.Point(r.policy(),
                                        r.capacityShare(), r.capacityBytes(), r.requests(), r.byteHitRate(),
                                        r.fullPlayHitRate())).toList());
                System.err.println("stored as cache evaluation " + id);
            }
        }
        if (source.json()) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        }
        System.out.printf("plan: window %d days, half-life %s days, history weight %s%n", weights.windowDays(),
                weights.halfLifeDays(), weights.historyWeight());
        System.out.printf("%s: replay %s .. %s: %,d plays (%,d full), working set %.1f MiB%n", data.source(),
                Instant.ofEpochMilli(report.windowFrom()), Instant.ofEpochMilli(report.windowTo()), report.requests(),
                report.fullPlays(), report.workingSetBytes() / 1048576.0);
        System.out.printf("%-8s %10s  %-22s %14s %16s%n", "capacity", "MiB", "policy", "byte hit rate",
                "full-play hit rate");
        for (CacheEvaluation.Row r : report.rows()) {
            System.out.printf("%7.0f%% %10.1f  %-22s %13.2f%% %15.2f%%%n", 100 * r.capacityShare(),
                    r.capacityBytes() / 1048576.0, r.policy(), 100 * r.byteHitRate(), 100 * r.fullPlayHitRate());
        }
        return 0;
    }

    /** The grid's best weights on the validation replay; prints the ten best and the chosen one (on stderr with --format json). */
    private DemandWeights tune(FeatureTable validation, ListeningData data) {
        List<DemandWeights> grid = new ArrayList<>();
        for (int window : new int[] {7, 14, 28, 56, 84}) {
            for (double halfLife : new double[] {3, 7, 14, 28}) {
                for (double blend : new double[] {0, 0.25, 0.5, 0.75, 1}) {
                    grid.add(new DemandWeights(window, halfLife, blend));
                }
            }
        }
        List<CacheEvaluation.Trial> trials = new ArrayList<>(CacheEvaluation.tune(validation, data.catalog(),
                windowDays, warmupDays, capacities, grid));
        trials.sort(Comparator.comparingDouble(CacheEvaluation.Trial::worstRatioToLfu)
                .thenComparingDouble(CacheEvaluation.Trial::meanFullPlayHitRate).reversed());
        PrintStream out = source.json() ? System.err : System.out;
        long to = validation.ts()[validation.rows() - 1];
        out.printf("tune: validation replay of the %d days up to %s, %d candidates; best 10 by worst plan/LFU "
                + "full-play ratio, then mean:%n", windowDays, Instant.ofEpochMilli((Math.floorDiv(to, DAY_MS) + 1) * DAY_MS),
                trials.size());
        out.printf("%6s %9s %7s %10s %10s  full-play hit rate per capacity (plan / LFU)%n", "window", "half-life",
                "history", "worst/LFU", "mean");
        for (CacheEvaluation.Trial t : trials.subList(0, Math.min(10, trials.size()))) {
            StringBuilder perCapacity = new StringBuilder();
            for (int c = 0; c < capacities.length; c++) {
                perCapacity.append(String.format(" %.0f%%: %.2f/%.2f", 100 * capacities[c],
                        100 * t.fullPlayHitRate()[c], 100 * t.lfuFullPlayHitRate()[c]));
            }
            out.printf("%6d %9.0f %7.2f %10.3f %9.2f%% %s%n", t.weights().windowDays(), t.weights().halfLifeDays(),
                    t.weights().historyWeight(), t.worstRatioToLfu(), 100 * t.meanFullPlayHitRate(), perCapacity);
        }
        return trials.get(0).weights();
    }
}
