package io.setlist.recommender.completion;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * App and listening events in columns, kept in source (file or load) order and viewable in time order.
 *
 * <p>Users and tracks are dense indexes (0..n-1) into a {@link TrackCatalog} and a {@link Listeners}; a track of
 * -1 means "no track" (adverts, purchases, app opens). {@link #chronological()} orders events by timestamp and
 * breaks ties by source order, which is how a SKIP that carries the same timestamp as the next PLAY still comes
 * first: sources write the SKIP before the PLAY it precedes.
 */
public final class ListeningLog {
    public static final byte PLAY = 0;
    public static final byte SKIP = 1;
    public static final byte LIKE = 2;
    public static final byte ADVERTISEMENT = 3;
    public static final byte BUY_PREMIUM = 4;
    public static final byte OTHER = 5;

    private int size;
    private int[] user;
    private long[] ts;
    private byte[] kind;
    private int[] track;
    private long[] session;

    public ListeningLog() {
        this(1024);
    }

    /** An empty log with room for {@code capacity} events before it grows (a serving replay knows its size). */
    public ListeningLog(int capacity) {
        int c = Math.max(1, capacity);
        user = new int[c];
        ts = new long[c];
        kind = new byte[c];
        track = new int[c];
        session = new long[c];
    }

    /** The event kind of a source event name; names we do not use become {@link #OTHER}. */
    public static byte kindOf(String eventName) {
        return switch (eventName) {
            case "PLAY" -> PLAY;
            case "SKIP" -> SKIP;
            case "LIKE" -> LIKE;
            case "ADVERTISEMENT" -> ADVERTISEMENT;
            case "BUY_PREMIUM" -> BUY_PREMIUM;
            default -> OTHER;
        };
    }

    /** Appends an event in source order; {@code trackIndex} -1 for none. */
    public void add(int userIndex, long tsMillis, byte eventKind, int trackIndex, long sessionId) {
        if ((eventKind == PLAY || eventKind == SKIP) && trackIndex < 0) {
            throw new IllegalArgumentException("a PLAY or SKIP needs a track (event " + size + ")");
        }
        if (size == user.length) {
            int capacity = size * 2;
            user = Arrays.copyOf(user, capacity);
            ts = Arrays.copyOf(ts, capacity);
            kind = Arrays.copyOf(kind, capacity);
            track = Arrays.copyOf(track, capacity);
            session = Arrays.copyOf(session, capacity);
        }
        user[size] = userIndex;
        ts[size] = tsMillis;
        kind[size] = eventKind;
        track[size] = trackIndex;
        session[size] = sessionId;
        size++;
    }

    public int size() {
        return size;
    }

    public int user(int i) {
        return user[i];
    }

    public long ts(int i) {
        return ts[i];
    }

    public byte kind(int i) {
        return kind[i];
    }

    public int track(int i) {
        return track[i];
    }

    public long session(int i) {
        return session[i];
    }

    /** Event indexes ordered by (timestamp, source order). */
    public int[] chronological() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        long[] t = ts;
        IntArrays.quickSort(order, (a, b) -> {
            int byTime = Long.compare(t[a], t[b]);
            return byTime != 0 ? byTime : Integer.compare(a, b);
        });
        return order;
    }

    /** A copy holding the events at {@code indexes}, in that order (which becomes the new source order). */
    public ListeningLog select(int[] indexes) {
        ListeningLog out = new ListeningLog();
        for (int i : indexes) {
            out.add(user[i], ts[i], kind[i], track[i], session[i]);
        }
        return out;
    }
}
