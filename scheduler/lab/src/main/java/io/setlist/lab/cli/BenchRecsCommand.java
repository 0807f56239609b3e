package io.setlist.lab.cli;

import io.setlist.lab.bench.BaselineNeighbourSearch;
import io.setlist.lab.bench.SyntheticListening;
import io.setlist.lab.evaluation.Interactions;
import io.setlist.lab.evaluation.OfflineEvaluation;
import io.setlist.lab.evaluation.SetlistModels;
import io.setlist.lab.evaluation.Split;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.lab.librec.HeapSampler;
import io.setlist.lab.librec.LibRecUserKnn;
import io.setlist.lab.librec.SyntheticInteractions;
import io.setlist.scheduler.pipeline.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "recs", mixinStandardHelpOptions = true,
        description = "The full daily recommend (matrix → neighbours → top N per user) on in-memory Last.fm-360K-shaped "
                + "data of growing size, with time and peak heap; the neighbour search against its first version; "
                + "and Setlist against LibRec 2.0.0 UserKNN (bcos) on the same split, speed and nDCG.")
final class BenchRecsCommand implements Callable<Integer> {

    @Option(names = "--users", split = ",", defaultValue = "10000,50000,100000,359347",
            description = "Sizes to run, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--librec-users", defaultValue = "2000",
            description = "Size of the Setlist-vs-LibRec run; 0 skips it (default: ${DEFAULT-VALUE}).")
    int librecUsers;

    @Option(names = "--baseline-sample", defaultValue = "1000",
            description = "Query users timed with the first neighbour search vs the current one, single thread, "
                    + "per size; 0 skips it (default: ${DEFAULT-VALUE}).")
    int baselineSample;

    @Option(names = "--weighting", defaultValue = "BM25",
            description = "NORMALISED | LOG | BM25 (default: ${DEFAULT-VALUE}, as the daily job).")
    Weighting weighting;

    @Option(names = "--neighbours", defaultValue = "" + RecommenderSettings.TUNED_NEIGHBOURS,
            description = "k (default: ${DEFAULT-VALUE}, as the daily job).")
    int neighbours;

    @Option(names = "--top", defaultValue = "100", description = "Artists per user (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--threads", defaultValue = "0", description = "Neighbour-search threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-postings", defaultValue = "0",
            description = "0 = exact (default). N > 0: APPROXIMATE search, artists with more than N listeners are "
                    + "matched only through their N heaviest listeners; the neighbour recall against exact is printed.")
    int maxPostings;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data, the split and LibRec (default: ${DEFAULT-VALUE}).")
    long seed;

    private record SizeRow(int users, long rows, int artists, double matrix, double weights, double neighbours,
                           double ranking, double total, double cpu, long peakHeap, long liveHeap,
                           double accumulationsPerCoreSecond, double baselineRatio) {
    }

    @Override
    public Integer call() {
        int cores = Runtime.getRuntime().availableProcessors();
        RecommenderSettings settings = RecommenderSettings.defaults().withWeighting(weighting).withNeighbours(neighbours)
                .withTopN(top).withThreads(threads > 0 ? threads : cores).withMaxPostingsPerArtist(maxPostings);
        System.out.printf(Locale.ROOT, "bench recs: %s weighting, k=%d, top %d, profile weight %.2f, %d threads, "
                        + "%d cores, max heap %.1f GB, seed %d%n", weighting, neighbours, top, settings.profileWeight(),
                settings.threads(), cores, Runtime.getRuntime().maxMemory() / 1e9, seed);
        System.out.println(maxPostings == 0 ? "search: EXACT"
                : "search: APPROXIMATE, at most " + maxPostings + " postings per artist (--max-postings)");
        List<SizeRow> rows = new ArrayList<>();
        for (int users : sizes) {
            rows.add(runSize(users, settings));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%9s %11s %8s %8s %8s %10s %8s %8s %9s %10s %10s %10s %10s%n", "users", "plays",
                "artists", "matrix", "weights", "neighbours", "ranking", "total", "CPU", "peak heap", "live heap",
                "acc/s/core", "vs first");
        for (SizeRow r : rows) {
            System.out.printf(Locale.ROOT, "%,9d %,11d %,8d %7.1fs %7.1fs %9.1fs %7.1fs %7.1fs %8.1fs %8.2f GB %8.2f GB "
                            + "%10.3g %9s%n",
                    r.users(), r.rows(), r.artists(), r.matrix(), r.weights(), r.neighbours(), r.ranking(), r.total(),
                    r.cpu(),
                    r.peakHeap() / 1e9, r.liveHeap() / 1e9, r.accumulationsPerCoreSecond(),
                    Double.isNaN(r.baselineRatio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.baselineRatio()));
        }
        System.out.println("times are wall clock; 'total' = matrix + weights + neighbours + ranking; 'CPU' = JVM CPU "
                + "time over the same span (all threads; / cores = wall time on an otherwise idle machine); peak heap is sampled "
                + "every 10 ms and includes the generated input rows; 'acc/s/core' = Σ over artists of listeners² "
                + "(the exact search's accumulations, each pair counted from both sides) / CPU seconds of the neighbour "
                + "phase; 'vs first' = the first neighbour search's CPU time for all users (timed on sampled query "
                + "users, one thread, scaled by their share of the accumulations) / the neighbour phase's CPU time");
        if (librecUsers > 0) {
            versusLibRec(settings);
        }
        return 0;
    }

    private SizeRow runSize(int users, RecommenderSettings settings) {
        System.out.printf(Locale.ROOT, "%n== %,d users ==%n", users);
        SyntheticListening data = SyntheticListening.generate(users, seed);
        int[] userIds = data.userIds();
        UserProfile[] profiles = data.profiles();
        TerminalProgress progress = TerminalProgress.onStderr();
        long peak;
        long live;
        PlayCounts counts;
        long start;
        long cpuStart;
        try (HeapSampler heap = new HeapSampler()) {
            start = System.nanoTime();
            cpuStart = TerminalProgress.processCpuNanos();
            PlayCounts.Builder builder = PlayCounts.builder();
            data.forEachRow(builder::add);
            counts = builder.build();
            progress.record("matrix", (System.nanoTime() - start) / 1e9);
            long[] items = new long[1];
            UserKnnRecommender.recommendAll(counts, userIds, profiles, settings, r -> items[0] += r.size(), progress);
            peak = heap.peakBytes();
            live = heap.liveAfterGc();
            System.out.printf(Locale.ROOT, "CPU seconds per phase: %s%n", progress.cpuSeconds());
            System.out.printf(Locale.ROOT, "%,d users, %,d play rows, %,d artists: %,d items recommended; %s%n",
                    users, counts.nonZeros(), counts.artists(), items[0], progress.timings());
        }
        double total = (System.nanoTime() - start) / 1e9;
        double cpu = (TerminalProgress.processCpuNanos() - cpuStart) / 1e9;
        double neighbourCpu = progress.cpuSeconds().getOrDefault("neighbours", Double.NaN);
        long accumulations = accumulations(counts, counts.users());
        System.out.printf(Locale.ROOT, "neighbours: %.3g accumulations (Σ listeners²), %.1f s CPU, %.3g per second per "
                + "core%n", (double) accumulations, neighbourCpu, accumulations / neighbourCpu);
        double ratio = baselineSample > 0 ? baselineRatio(counts, profiles, settings, neighbourCpu) : Double.NaN;
        var s = progress.seconds();
        return new SizeRow(users, counts.nonZeros(), counts.artists(), s.get("matrix"), s.get("weights"),
                s.get("neighbours"), s.get("ranking"), total, cpu, peak, live, accumulations / neighbourCpu, ratio);
    }

    /** Σ over the first {@code queryUsers} users of their artists' listener counts (all users: Σ listeners²). */
    private static long accumulations(PlayCounts counts, int queryUsers) {
        int[] listeners = new int[counts.artists()];
        for (int artist : counts.columns()) {
            listeners[artist]++;
        }
        long sum = 0;
        for (int i = 0, end = counts.rowStart()[queryUsers]; i < end; i++) {
            sum += listeners[counts.columns()[i]];
        }
        return sum;
    }

    /**
     * The first search's CPU time for all users, estimated from the first {@code --baseline-sample} query users (one
     * thread) scaled by their share of the accumulations, / the neighbour phase's CPU time. The pairwise search has
     * no per-user cost to time on a sample (it computes each pair once for both users), hence the whole phase. The
     * sample is also run through the full scan, which must give the first search's neighbours.
     */
    private double baselineRatio(PlayCounts counts, UserProfile[] profilesByUserId, RecommenderSettings settings,
                                 double neighbourCpuSeconds) {
        int sample = Math.min(baselineSample, counts.users());
        // synthetic user ids are 1..users, so user index = id - 1 and the profile arrays line up
        float[] weights = RowWeights.apply(counts, settings.weighting());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int[] n = new int[sample * settings.neighbours()];
        float[] sims = new float[sample * settings.neighbours()];
        long t0 = cpu.getCurrentThreadCpuTime();
        BaselineNeighbourSearch.run(counts, weights, profilesByUserId, settings.profileWeight(), settings.neighbours(),
                sample, n, sims);
        long t1 = cpu.getCurrentThreadCpuTime();
        // a partial range runs the full scan (the pairwise search needs every user as a query user)
        NeighbourIndex current = NeighbourIndex.buildRange(counts, weights, profilesByUserId, settings.profileWeight(),
                settings.neighbours(), 1, 0, sample, null, NeighbourIndex.Search.FULL_SCAN, 0);
        long t2 = cpu.getCurrentThreadCpuTime();
        for (int u = 0; u < sample; u++) {
            for (int r = 0; r < current.countOf(u); r++) {
                if (current.neighbourAt(u, r) != n[u * settings.neighbours() + r]) {
                    throw new IllegalStateException("current and first neighbour search disagree for user index " + u);
                }
            }
        }
        double share = (double) accumulations(counts, sample) / Math.max(1, accumulations(counts, counts.users()));
        double firstForAll = (t1 - t0) / 1e9 / share;
        double ratio = firstForAll / neighbourCpuSeconds;
        System.out.printf(Locale.ROOT, "neighbours of %,d users, one thread: first search %.2f s CPU, full scan %.2f s CPU "
                + "(%.2fx), same neighbours; these users hold %.3f%% of the accumulations, so for all users ≈ %.1f s CPU "
                + "(first search) and ≈ %.1f s CPU (full scan) vs the neighbour phase's %.1f s CPU: %.2fx%n", sample,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (double) (t1 - t0) / Math.max(1, t2 - t1), 100 * share, firstForAll,
                (t2 - t1) / 1e9 / share, neighbourCpuSeconds, ratio);
        if (maxPostings > 0) {
            long t3 = cpu.getCurrentThreadCpuTime();
            NeighbourIndex capped = NeighbourIndex.buildRange(counts, weights, profilesByUserId, settings.profileWeight(),
                    settings.neighbours(), 1, 0, sample, null, maxPostings);
            long t4 = cpu.getCurrentThreadCpuTime();
            long kept = 0;
            long exact = 0;
            for (int u = 0; u < sample; u++) {
                it.unimi.dsi.fastutil.ints.IntOpenHashSet truth = new it.unimi.dsi.fastutil.ints.IntOpenHashSet(
                        current.neighboursOf(u));
                exact += truth.size();
                for (int v : capped.neighboursOf(u)) {
                    kept += truth.contains(v) ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "APPROXIMATE (--max-postings %d): %.2f s CPU (%.2fx faster than exact), "
                    + "neighbour recall vs exact %.4f%n", maxPostings, (t4 - t3) / 1e9, (double) (t2 - t1) / Math.max(1, t4 - t3),
                    exact == 0 ? 1.0 : (double) kept / exact);
        }
        return ratio;
    }

    private void versusLibRec(RecommenderSettings settings) {
        System.out.printf(Locale.ROOT, "%n== Setlist vs LibRec 2.0.0 UserKNN (bcos), %,d users, random split (seed %d), "
                + "k=%d neighbours, nDCG@10 ==%n", librecUsers, seed, neighbours);
        Interactions data = SyntheticInteractions.of(SyntheticListening.generate(librecUsers, seed));
        OfflineEvaluation evaluation = new OfflineEvaluation(data, null, Split.RANDOM.testRows(data, null, seed));
        List<OfflineEvaluation.Result> results = new ArrayList<>();
        for (Weighting w : Weighting.values()) {
            results.add(evaluation.evaluate(SetlistModels.knn(settings.withWeighting(w)), 10));
        }
        results.add(evaluation.evaluate(SetlistModels.globalPopularity(), 10));
        System.err.println("running LibRec UserKNN (quadratic in users) ...");
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        OfflineEvaluation.Result librec;
        long librecPeak;
        try (HeapSampler heap = new HeapSampler()) {
            librec = evaluation.evaluate(new LibRecUserKnn(neighbours, seed), 10);
            librecPeak = heap.peakBytes();
        }
        results.add(librec);
        System.out.printf(Locale.ROOT, "%-24s %9s %8s %10s%n", "model", "seconds", "nDCG@10", "LibRec/it");
        for (OfflineEvaluation.Result r : results) {
            System.out.printf(Locale.ROOT, "%-24s %9.2f %8.4f %9.1fx%n", r.model(), r.seconds(), r.ndcg(),
                    librec.seconds() / Math.max(1e-9, r.seconds()));
        }
        System.out.printf(Locale.ROOT, "LibRec peak heap (sampled) %.2f GB (heap in use before it: %.2f GB)%n",
                librecPeak / 1e9, heapBefore / 1e9);
    }
}
