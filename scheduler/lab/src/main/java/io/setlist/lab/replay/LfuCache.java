package io.setlist.lab.replay;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.TreeSet;

/**
 * Least frequently used with perfect frequencies (popularity over the whole history, cached or not): every miss
 * is admitted and the least played cached tracks make room; ties go to the least recently requested.
 */
public final class LfuCache implements CachePolicy {
    private final long capacity;
    private final Int2IntOpenHashMap count = new Int2IntOpenHashMap();
    private final Int2LongOpenHashMap lastSeen = new Int2LongOpenHashMap();
    private final Int2LongOpenHashMap cached = new Int2LongOpenHashMap();
    private final TreeSet<long[]> order = new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
            : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
    private long used;

    public LfuCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    @Override
    public String name() {
        return "LFU";
    }

    @Override
    public boolean request(int position, long ts, int track, long size) {
        boolean hit = cached.containsKey(track);
        if (hit) {
            order.remove(key(track));
        }
        count.addTo(track, 1);
        lastSeen.put(track, position);
        if (hit) {
            order.add(key(track));
            return true;
        }
        if (size > capacity) {
            return false;
        }
        while (used + size > capacity) {
            long[] victim = order.pollFirst();
            used -= cached.remove((int) victim[2]);
        }
        cached.put(track, size);
        order.add(key(track));
        used += size;
        return false;
    }

    private long[] key(int track) {
        return new long[] {count.get(track), lastSeen.get(track), track};
    }
}
