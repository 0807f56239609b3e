package io.setlist.lab.replay;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.TreeSet;

/**
 * Bélády's oracle: knows every future request and evicts the cached track needed furthest ahead (never again
 * first); a miss is not admitted when the new track itself is needed later than everything it would displace.
 * Optimal for equal sizes; with sizes it is the classic reference limit, not an exact bound.
 */
public final class BeladyCache implements CachePolicy {
    private final long capacity;
    private final int[] nextUse;
    private final Int2LongOpenHashMap cached = new Int2LongOpenHashMap();
    /** (next use, track), furthest last. */
    private final TreeSet<long[]> byNextUse = new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
            : Long.compare(a[1], b[1]));
    private final Int2LongOpenHashMap nextOf = new Int2LongOpenHashMap();
    private long used;

    /** @param tracks the whole request sequence the cache will see, in order */
    public BeladyCache(long capacityBytes, int[] tracks) {
        this.capacity = capacityBytes;
        nextUse = new int[tracks.length];
        Int2LongOpenHashMap next = new Int2LongOpenHashMap();
        next.defaultReturnValue(Integer.MAX_VALUE);
        for (int i = tracks.length - 1; i >= 0; i--) {
            nextUse[i] = (int) next.get(tracks[i]);
            next.put(tracks[i], i);
        }
    }

    @Override
    public String name() {
        return "Belady (oracle)";
    }

    @Override
    public boolean request(int position, long ts, int track, long size) {
        long next = nextUse[position];
        if (cached.containsKey(track)) {
            byNextUse.remove(new long[] {nextOf.get(track), track});
            nextOf.put(track, next);
            byNextUse.add(new long[] {next, track});
            return true;
        }
        if (size > capacity || next == Integer.MAX_VALUE) {
            return false;
        }
        // Free space from the furthest-needed end, but only with tracks needed later than this one.
        long free = capacity - used;
        long reclaimable = 0;
        for (long[] e : byNextUse.descendingSet()) {
            if (free + reclaimable >= size || e[0] <= next) {
                break;
            }
            reclaimable += cached.get((int) e[1]);
        }
        if (free + reclaimable < size) {
            return false;
        }
        while (used + size > capacity) {
            long[] victim = byNextUse.pollLast();
            used -= cached.remove((int) victim[1]);
            nextOf.remove((int) victim[1]);
        }
        cached.put(track, size);
        nextOf.put(track, next);
        byNextUse.add(new long[] {next, track});
        used += size;
        return false;
    }
}
