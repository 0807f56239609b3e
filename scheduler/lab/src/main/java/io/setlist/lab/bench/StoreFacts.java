package io.setlist.lab.bench;

import io.setlist.sql.completion.FeatureStore;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What a feature store holds and costs, measured while building it: events held, build time, and the heap it
 * retains, as MemoryMXBean's used heap after a full GC once built minus the same before (so it includes its
 * catalogue; measured, not estimated: nothing else is allocated and kept between the two readings).
 *
 * @param events     events the store holds
 * @param seconds    build time (reading the events from PostgreSQL and indexing them)
 * @param heapBytes  heap retained by the store
 * @param maxHeap    the JVM's -Xmx
 */
public record StoreFacts(int events, double seconds, long heapBytes, long maxHeap) {

    /** Builds {@code store} (a {@link FeatureStore#refresh()}) and measures it. */
    public static StoreFacts measure(FeatureStore store) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        long t0 = System.nanoTime();
        store.refresh();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc(memory);
        return new StoreFacts(store.events(), seconds, Math.max(0, after - before), memory.getHeapMemoryUsage().getMax());
    }

    /**
     * The -Xmx a serving node needs, in GiB: a rebuild holds the new store beside the old one until it replaces it
     * (2x), plus 1.5 GiB for requests, the key caches and the API's snapshot of a small run.
     */
    public long neededHeapGib() {
        return (long) Math.ceil((2.0 * heapBytes + 1.5 * (1L << 30)) / (1L << 30));
    }

    public void print(PrintStream out) {
        out.printf("feature store: %,d events held, built in %.1f s, %,d MiB of heap (%.0f bytes an event; "
                        + "MemoryMXBean after GC, before and after the build); -Xmx needed about %d g (this JVM: %,d MiB)%n",
                events, seconds, heapBytes >> 20, events == 0 ? 0.0 : (double) heapBytes / events, neededHeapGib(),
                maxHeap >> 20);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
