package io.setlist.lab.replay;

import it.unimi.dsi.fastutil.ints.Int2LongLinkedOpenHashMap;

/** Least recently used: every miss is admitted, the least recently requested tracks make room. */
public final class LruCache implements CachePolicy {
    private final long capacity;
    private final Int2LongLinkedOpenHashMap sizes = new Int2LongLinkedOpenHashMap();
    private long used;

    public LruCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    @Override
    public String name() {
        return "LRU";
    }

    @Override
    public boolean request(int position, long ts, int track, long size) {
        if (sizes.containsKey(track)) {
            sizes.getAndMoveToLast(track);
            return true;
        }
        if (size > capacity) {
            return false;
        }
        while (used + size > capacity) {
            used -= sizes.removeFirstLong();
        }
        sizes.putAndMoveToLast(track, size);
        used += size;
        return false;
    }
}
