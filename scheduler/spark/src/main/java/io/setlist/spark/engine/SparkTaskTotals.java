package io.setlist.spark.engine;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums Spark's own task metrics over every task that ends while it is registered: what the benchmark and the
 * stage's summary report as shuffle bytes, result bytes and executor time (no estimate of ours).
 */
public final class SparkTaskTotals extends SparkListener {
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong runMillis = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong resultBytes = new AtomicLong();
    private final AtomicLong shuffleReadBytes = new AtomicLong();
    private final AtomicLong shuffleWriteBytes = new AtomicLong();
    private final AtomicLong peakExecutionMemory = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m == null) {
            return;
        }
        tasks.incrementAndGet();
        runMillis.addAndGet(m.executorRunTime());
        cpuNanos.addAndGet(m.executorCpuTime());
        resultBytes.addAndGet(m.resultSize());
        shuffleReadBytes.addAndGet(m.shuffleReadMetrics().totalBytesRead());
        shuffleWriteBytes.addAndGet(m.shuffleWriteMetrics().bytesWritten());
        peakExecutionMemory.accumulateAndGet(m.peakExecutionMemory(), Math::max);
    }

    /** A copy of the totals so far. */
    public Snapshot snapshot() {
        return new Snapshot(tasks.get(), runMillis.get() / 1e3, cpuNanos.get() / 1e9, resultBytes.get(),
                shuffleReadBytes.get(), shuffleWriteBytes.get(), peakExecutionMemory.get());
    }

    /**
     * @param runSeconds          summed executor run time of the tasks
     * @param cpuSeconds          summed executor CPU time of the tasks
     * @param resultBytes         serialized task results sent to the driver
     * @param peakExecutionMemory Spark-managed execution memory (sort/shuffle buffers), largest task; not the heap
     */
    public record Snapshot(long tasks, double runSeconds, double cpuSeconds, long resultBytes, long shuffleReadBytes,
                           long shuffleWriteBytes, long peakExecutionMemory) {
        /** Two jobs' totals together. */
        public Snapshot plus(Snapshot other) {
            return new Snapshot(tasks + other.tasks, runSeconds + other.runSeconds, cpuSeconds + other.cpuSeconds,
                    resultBytes + other.resultBytes, shuffleReadBytes + other.shuffleReadBytes,
                    shuffleWriteBytes + other.shuffleWriteBytes,
                    Math.max(peakExecutionMemory, other.peakExecutionMemory));
        }

        /** What happened between {@code before} and this snapshot. */
        public Snapshot minus(Snapshot before) {
            return new Snapshot(tasks - before.tasks, runSeconds - before.runSeconds, cpuSeconds - before.cpuSeconds,
                    resultBytes - before.resultBytes, shuffleReadBytes - before.shuffleReadBytes,
                    shuffleWriteBytes - before.shuffleWriteBytes, Math.max(peakExecutionMemory, before.peakExecutionMemory));
        }
    }
}
