package io.setlist.recommender.completion.timeline;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Where a play that may happen at {@code ts} sits in replay order, as {@code PlayFeatures.probe} places it: after every
 * event stamped before {@code ts} and, among those stamped {@code ts}, before the first PLAY (event id
 * {@code firstPlaySeq}, {@link Long#MAX_VALUE} when none): a SKIP logged at the moment the next play starts is known.
 */
record Moment(long ts, long firstPlaySeq) {
    static final long DAY_MS = 86_400_000L;

    /** Whether the event (ts, seq) is replayed before this moment. */
    boolean isAfter(long eventTs, long eventSeq) {
        return eventTs < ts || eventTs == ts && eventSeq < firstPlaySeq;
    }

    /** Count of the (ts, seq) pairs, sorted, that are replayed before this moment. */
    int indexIn(LongArrayList sortedTs, LongArrayList seq) {
        int i = ItemTimeline.lowerBound(sortedTs, ts);
        while (i < sortedTs.size() && sortedTs.getLong(i) == ts && seq.getLong(i) < firstPlaySeq) {
            i++;
        }
        return i;
    }
}
