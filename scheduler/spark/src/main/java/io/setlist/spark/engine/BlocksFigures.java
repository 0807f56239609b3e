package io.setlist.spark.engine;

import java.io.PrintStream;

/** How {@code bench spark} reports a {@code blocks} run: Spark's measured shuffle against the stated formula. */
final class BlocksFigures {
    private BlocksFigures() {
    }

    static void print(PartitionedRecommend.Figures f, int k, PrintStream out) {
        long measured = f.factsMetrics().shuffleWriteBytes() + f.searchMetrics().shuffleWriteBytes()
                + f.rankMetrics().shuffleWriteBytes();
        long replicas = Math.max(1, f.blocks() - 1);
        out.printf("  blocks: B = %d, %d pair tasks, %d ranking units; rows of all blocks %,d B (8 a play + 8 a user + 4 an artist a "
                        + "block; %,d plays), k = %d%n", f.blocks(), Math.max(1, f.blocks() * (f.blocks() - 1) / 2),
                f.rankUnits(), f.rowBytes(), f.plays(), k);
        out.printf("  shuffle formula (before compression): rows to pair tasks %d x %,d = %,d B + partial lists "
                        + "(B-1) x users x (8 + 8k) = %,d B + ranking join (requests 4 B a needed user, their rows, own rows "
                        + "included) "
                        + "%,d B = %,d B%n", replicas, f.rowBytes(), replicas * f.rowBytes(), f.listBytes(),
                f.shippedBytes(), f.predictedShuffleBytes());
        out.printf("  shuffle measured (written, Spark's compressed serialised bytes): %,d B (%.2f of the formula); "
                        + "search %,d B, ranking %,d B; search %.1f s executor CPU, ranking %.1f s; peak Spark "
                        + "execution memory %,d B%n", measured, measured / (double) Math.max(1, f.predictedShuffleBytes()),
                f.searchMetrics().shuffleWriteBytes(), f.rankMetrics().shuffleWriteBytes(),
                f.searchMetrics().cpuSeconds(), f.rankMetrics().cpuSeconds(),
                Math.max(f.searchMetrics().peakExecutionMemory(), f.rankMetrics().peakExecutionMemory()));
    }
}
