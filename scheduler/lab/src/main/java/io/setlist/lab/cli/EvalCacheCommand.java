package io.setlist.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.setlist.lab.replay.CacheEvaluation;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.ModelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
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

    @Override
    public Integer call() throws Exception {
        ListeningData data = source.read();
        FeatureTable plays = data.features();
        // The model behind the plan is trained and calibrated strictly before the replayed window.
        long windowFrom = (Math.floorDiv(plays.ts()[plays.rows() - 1], DAY_MS) + 1 - windowDays) * DAY_MS;
        long validationFrom = windowFrom - 14 * DAY_MS;
        ModelSelection.Fitted model = ModelSelection.fit("gradient-boosted-trees",
                plays.between(Long.MIN_VALUE, validationFrom), plays.between(validationFrom, windowFrom),
                ModelSelection.Grid.small());
        double[] p = ModelSelection.predict(model.calibrated(), plays);
        CacheEvaluation.Report report = CacheEvaluation.evaluate(plays, data.catalog(), p, windowDays, warmupDays,
                capacities);
        if (source.json()) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        }
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
}
