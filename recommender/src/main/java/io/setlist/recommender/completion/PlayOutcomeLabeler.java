package io.setlist.recommender.completion;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * Labels every PLAY event as completed or skipped, streaming over listening events.
 *
 * <p><b>Input order.</b> Events must arrive ordered by (session, timestamp, file order); all events of a
 * session are contiguous. A timestamp lower than the previous one in the same session is rejected,
 * because the rule below depends on order. Equal timestamps are resolved by arrival order: a SKIP that
 * arrives after a PLAY with the same timestamp can close it; one that arrives before cannot.
 *
 * <p><b>Rule.</b>
 * <ul>
 *   <li>A SKIP closes the <em>latest</em> still-open PLAY of the same track in the same session; that PLAY
 *       is labelled skipped (reported immediately). Latest, because a skip refers to what is playing
 *       now, and the most recent start of that track is the one playing.</li>
 *   <li>A PLAY not closed by a SKIP when its session ends is labelled completed: nothing says the
 *       listener abandoned it. Completed plays are reported at session end, in arrival order.</li>
 *   <li>A SKIP with no open PLAY of that track is an <em>orphan</em> (the PLAY was lost, or fell in an
 *       earlier export); it is counted in {@link #orphanSkips()} and labels nothing.</li>
 * </ul>
 *
 * <p><b>Edge cases.</b> Repeated plays of one track stack: two PLAYs then one SKIP mark the second
 * skipped and the first completed; a second SKIP would close the first. A PLAY of another track does
 * not close anything. A SKIP's user id is not checked (a session belongs to one user). A session id
 * that reappears after another session is treated as a new session. A new session id flushes the
 * previous session; {@link #finish()} flushes the last one and may be followed by more events.
 *
 * <p>Memory is proportional to the plays of the current session only. Not thread-safe.
 */
public final class PlayOutcomeLabeler {

    /** Receives one outcome per PLAY event. */
    @FunctionalInterface
    public interface Sink {
        void outcome(int userId, int trackId, long playTsMillis, boolean completed);
    }

    private static final int NONE = -1;

    private final Sink sink;

    private boolean inSession;
    private long sessionId;
    private long lastTs;

    // Plays of the current session, in arrival order.
    private int plays;
    private int[] userOf = new int[64];
    private int[] trackOf = new int[64];
    private long[] tsOf = new long[64];
    private boolean[] closed = new boolean[64];
    /** Previous still-open play of the same track: the open plays of a track form a stack. */
    private int[] previousOpen = new int[64];
    /** Track → latest still-open play (top of that track's stack). */
    private final Int2IntOpenHashMap latestOpen = new Int2IntOpenHashMap();

    private long orphanSkips;

    public PlayOutcomeLabeler(Sink sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink is required");
        }
        this.sink = sink;
        latestOpen.defaultReturnValue(NONE);
    }

    public void play(long sessionId, int userId, int trackId, long tsMillis) {
        enter(sessionId, tsMillis);
        if (plays == userOf.length) {
            grow();
        }
        int p = plays++;
        userOf[p] = userId;
        trackOf[p] = trackId;
        tsOf[p] = tsMillis;
        closed[p] = false;
        previousOpen[p] = latestOpen.put(trackId, p);
    }

    public void skip(long sessionId, int userId, int trackId, long tsMillis) {
        enter(sessionId, tsMillis);
        int p = latestOpen.get(trackId);
        if (p == NONE) {
            orphanSkips++;
            return;
        }
        closed[p] = true;
        if (previousOpen[p] == NONE) {
            latestOpen.remove(trackId);
        } else {
            latestOpen.put(trackId, previousOpen[p]);
        }
        sink.outcome(userOf[p], trackId, tsOf[p], false);
    }

    /** Ends the current session (if any): its open plays are completed. */
    public void finish() {
        for (int p = 0; p < plays; p++) {
            if (!closed[p]) {
                sink.outcome(userOf[p], trackOf[p], tsOf[p], true);
            }
        }
        plays = 0;
        latestOpen.clear();
        inSession = false;
    }

    /** SKIP events that had no open PLAY of their track in their session. */
    public long orphanSkips() {
        return orphanSkips;
    }

    private void enter(long session, long tsMillis) {
        if (inSession && session == sessionId) {
            if (tsMillis < lastTs) {
                throw new IllegalArgumentException("events of session " + session + " out of order: "
                        + tsMillis + " after " + lastTs);
            }
        } else {
            finish();
            inSession = true;
            sessionId = session;
        }
        lastTs = tsMillis;
    }

    private void grow() {
        int capacity = userOf.length * 2;
        userOf = Arrays.copyOf(userOf, capacity);
        trackOf = Arrays.copyOf(trackOf, capacity);
        tsOf = Arrays.copyOf(tsOf, capacity);
        closed = Arrays.copyOf(closed, capacity);
        previousOpen = Arrays.copyOf(previousOpen, capacity);
    }
}
