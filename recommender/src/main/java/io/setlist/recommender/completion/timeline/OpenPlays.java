package io.setlist.recommender.completion.timeline;

import java.util.Arrays;

/**
 * The PLAYs no SKIP has closed yet, by (session, track) stream: a SKIP closes the latest open PLAY of its stream.
 *
 * <p>Why not a map of lists: nearly every PLAY stays open for good (a completed play is never closed, and a late
 * SKIP may close a PLAY of any age, so none can be pruned), and a {@code HashMap<(session, track), list>} spent a node,
 * a key record, a list and its array on each: replacing it took the 50M-event bench's store from 143 to 102 bytes an
 * event. Here a stream is one slot of three primitive arrays (open addressing, linear probing, backward-shift
 * deletion) holding its latest open PLAY, and each PLAY holds the one it shadows (the caller keeps that link, 4 bytes
 * an event): 16 bytes a slot, 24 to 48 bytes an open stream between the load factors below, and no objects.
 *
 * <p>Cost: {@link #head}, {@link #put} and {@link #remove} are expected O(1); the table doubles at 2/3 full and
 * never shrinks (a third full at least, once grown). Invariant: a slot is free iff its event is {@link #NONE}; every
 * non-free slot's key sits between its home slot and itself with no free slot in between. Not thread-safe.
 */
final class OpenPlays {
    /** No event: the value of a free slot, and {@link #head}'s answer for a stream with no open PLAY. */
    static final int NONE = -1;

    private long[] sessions;
    private int[] tracks;
    private int[] events;
    private int mask;
    private int size;

    OpenPlays() {
        allocate(1 << 10);
    }

    /** Streams with at least one open PLAY. */
    int size() {
        return size;
    }

    /** The stream's latest open PLAY (an event position), or {@link #NONE}. */
    int head(long session, int track) {
        return events[find(session, track)];
    }

    /**
     * Makes {@code event} (not {@link #NONE}) the stream's latest open PLAY.
     *
     * @return the one it was before, or {@link #NONE}
     */
    int put(long session, int track, int event) {
        int i = find(session, track);
        int before = events[i];
        sessions[i] = session;
        tracks[i] = track;
        events[i] = event;
        if (before == NONE && ++size * 3 > events.length * 2) {
            rehash(events.length * 2);
        }
        return before;
    }

    /** Forgets the stream (its last open PLAY was closed); nothing when it has none. */
    void remove(long session, int track) {
        int hole = find(session, track);
        if (events[hole] == NONE) {
            return;
        }
        size--;
        // Backward shift: pull later keys of the probe run into the hole when the hole lies on their way home.
        for (int j = (hole + 1) & mask; events[j] != NONE; j = (j + 1) & mask) {
            int home = slot(sessions[j], tracks[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                sessions[hole] = sessions[j];
                tracks[hole] = tracks[j];
                events[hole] = events[j];
                hole = j;
            }
        }
        events[hole] = NONE;
    }

    /** The stream's slot, or the free slot that ends its probe run when it has none. */
    private int find(long session, int track) {
        int i = slot(session, track);
        while (events[i] != NONE && (sessions[i] != session || tracks[i] != track)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int slot(long session, int track) {
        long h = (session * 0x9E3779B97F4A7C15L) ^ (track * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32) & mask;
    }

    private void allocate(int capacity) {
        sessions = new long[capacity];
        tracks = new int[capacity];
        events = new int[capacity];
        Arrays.fill(events, NONE);
        mask = capacity - 1;
    }

    private void rehash(int capacity) {
        long[] oldSessions = sessions;
        int[] oldTracks = tracks;
        int[] oldEvents = events;
        allocate(capacity);
        for (int k = 0; k < oldEvents.length; k++) {
            if (oldEvents[k] != NONE) {
                int i = find(oldSessions[k], oldTracks[k]); // keys are distinct: always a free slot
                sessions[i] = oldSessions[k];
                tracks[i] = oldTracks[k];
                events[i] = oldEvents[k];
            }
        }
    }
}
