package io.setlist.recommender.completion.timeline;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * The PLAYs of one item (a track, an artist, or everything) and the SKIPs that closed one of them, in replay order
 * (timestamp, then event id), so that the counts a replay of any window would hold at any moment are two binary
 * searches.
 *
 * <p><b>Why a window count needs no replay.</b> A SKIP closes the latest still-open PLAY of its (session, track)
 * stream. A replay that starts at a window start F sees the same stream stack as one that started earlier, minus the
 * PLAYs before F at its bottom: so in the window it closes exactly the PLAY it closes here, if that PLAY is at or
 * after F, and is an orphan otherwise. The window's closing SKIPs are therefore the ones here with the SKIP before the
 * moment and the PLAY at or after F. As F is a UTC midnight, a SKIP whose PLAY is before F and that is itself at or
 * after F closed a PLAY of an earlier UTC day: those "crossing" SKIPs are kept apart, few, and subtracted.
 *
 * <p>Appends must come in replay order. Memory: 8 bytes a PLAY, 16 a SKIP (24 when crossing) plus list slack.
 */
final class ItemTimeline {
    private final LongArrayList playTs = new LongArrayList();
    private final LongArrayList skipTs = new LongArrayList();
    private final LongArrayList skipSeq = new LongArrayList();
    private final LongArrayList crossTs = new LongArrayList();
    private final LongArrayList crossSeq = new LongArrayList();
    private final LongArrayList crossPlayTs = new LongArrayList();

    void play(long ts) {
        playTs.add(ts);
    }

    void skip(long ts, long seq, long closedPlayTs) {
        skipTs.add(ts);
        skipSeq.add(seq);
        if (Math.floorDiv(closedPlayTs, Moment.DAY_MS) < Math.floorDiv(ts, Moment.DAY_MS)) {
            crossTs.add(ts);
            crossSeq.add(seq);
            crossPlayTs.add(closedPlayTs);
        }
    }

    /** PLAYs in [from, before.ts). */
    int plays(long from, Moment before) {
        return lowerBound(playTs, before.ts()) - lowerBound(playTs, from);
    }

    /** SKIPs from {@code from} up to (not including) {@code before} that closed a PLAY at or after {@code from}. */
    int skips(long from, Moment before) {
        int first = lowerBound(skipTs, from);
        int end = before.indexIn(skipTs, skipSeq);
        int n = end - first;
        for (int i = lowerBound(crossTs, from); i < crossTs.size() && before.isAfter(crossTs.getLong(i),
                crossSeq.getLong(i)); i++) {
            if (crossPlayTs.getLong(i) < from) {
                n--;
            }
        }
        return n;
    }

    /** Event id of the first PLAY at exactly {@code ts} (needs {@link #playSeq}), or {@link Long#MAX_VALUE}. */
    long firstPlaySeqAt(long ts, LongArrayList playSeq) {
        int i = lowerBound(playTs, ts);
        return i < playTs.size() && playTs.getLong(i) == ts ? playSeq.getLong(i) : Long.MAX_VALUE;
    }

    /** First index whose value is at least {@code key}. */
    static int lowerBound(LongArrayList sorted, long key) {
        long[] a = sorted.elements();
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
