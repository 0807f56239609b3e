package io.setlist.lab.librec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak used heap over a stretch of work, sampled every 10 ms from a daemon thread through the
 * {@link MemoryMXBean}. Sampling can miss a peak shorter than the period, so it is a lower bound of the true peak;
 * the JVM's -Xmx is the hard upper bound.
 */
public final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public HeapSampler() {
        System.gc(); // start from what is really live, not from the previous measurement's garbage
        sample();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    /** Used heap right now, after a full GC: what the measured work keeps alive. */
    public long liveAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    public long peakBytes() {
        sample();
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
