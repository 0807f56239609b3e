package io.setlist.lab.replay;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.function.LongFunction;

/**
 * A static plan recomputed once per UTC day, as the daily pipeline does: a request hits when its track is in the
 * plan made for the request's day from what was known before that day began.
 */
public final class DailyPlanCache implements CachePolicy {
    private static final long DAY_MS = 86_400_000L;

    private final String name;
    private final LongFunction<IntOpenHashSet> planForDayStart;
    private long day = Long.MIN_VALUE;
    private IntOpenHashSet plan = new IntOpenHashSet();

    /** @param planForDayStart the set of cached tracks for a day, given the day's first millisecond */
    public DailyPlanCache(String name, LongFunction<IntOpenHashSet> planForDayStart) {
        this.name = name;
        this.planForDayStart = planForDayStart;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean request(int position, long ts, int track, long size) {
        long d = Math.floorDiv(ts, DAY_MS);
        if (d != day) {
            day = d;
            plan = planForDayStart.apply(d * DAY_MS);
        }
        return plan.contains(track);
    }
}
