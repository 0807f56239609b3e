package io.setlist.recommender.completion.timeline;

import io.setlist.recommender.completion.ListeningLog;
import io.setlist.recommender.completion.PlayProbe;
import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event since a start instant, in replay order (timestamp, then event id), indexed so that what a completion
 * feature row reads costs a lookup rather than a window replay: each user's own events (for the user, pair, session
 * and premium features, replayed per request over that one user), and each track's, artist's and everyone's PLAYs
 * and closing SKIPs ({@link ItemTimeline}: the window-wide counts by binary search).
 *
 * <p>Ids are the warehouse's surrogate ids. Events are {@link #append appended} in replay order only; an event that
 * would go before the last one is refused and the caller rebuilds. Not thread-safe: callers guard it.
 */
public final class ListeningTimeline {
    private final long start;
    private int[] artistOf;
    private final LongArrayList ts = new LongArrayList();
    private final ByteArrayList kind = new ByteArrayList();
    private final IntArrayList track = new IntArrayList();
    private final LongArrayList session = new LongArrayList();
    private final List<IntArrayList> byUser = new ArrayList<>();
    private final List<ItemTimeline> tracks = new ArrayList<>();
    private final List<ItemTimeline> artists = new ArrayList<>();
    private final ItemTimeline all = new ItemTimeline();
    private final LongArrayList allPlaySeq = new LongArrayList();
    /** The latest open PLAY of each (session, track) stream; {@link #shadowed} links it to the ones before. */
    private final OpenPlays open = new OpenPlays();
    /** Per event: for a PLAY, the open PLAY of its stream it hid when appended ({@link OpenPlays#NONE} for none). */
    private final IntArrayList shadowed = new IntArrayList();
    private long lastTs = Long.MIN_VALUE;
    private long lastSeq = Long.MIN_VALUE;

    /**
     * @param start    the first instant held (epoch millis); windows starting before it cannot be served
     * @param artistOf artist id by track id, covering every track an appended event names
     */
    public ListeningTimeline(long start, int[] artistOf) {
        this.start = start;
        this.artistOf = artistOf;
    }

    /** A newer catalogue's artist ids (tracks added since); the artists of tracks already held must not change. */
    public void useArtists(int[] newArtistOf) {
        artistOf = newArtistOf;
    }

    public long start() {
        return start;
    }

    public int events() {
        return ts.size();
    }

    /** Time of the latest event held, or {@link Long#MIN_VALUE}. */
    public long lastTs() {
        return lastTs;
    }

    /**
     * Adds the event with id {@code seq}; {@code trackId} -1 and {@code sessionId} {@link Long#MIN_VALUE} for none.
     *
     * @return false, adding nothing, when it would go before the latest event or names a track the catalogue does
     *         not know (it was added after the catalogue was read): the caller must rebuild
     */
    public boolean append(long seq, int userId, long tsMillis, byte eventKind, int trackId, long sessionId) {
        if (tsMillis < start) {
            return true; // before every window served: it changes no count the timeline answers
        }
        if (tsMillis < lastTs || tsMillis == lastTs && seq < lastSeq || trackId >= artistOf.length) {
            return false;
        }
        lastTs = tsMillis;
        lastSeq = seq;
        int e = ts.size();
        ts.add(tsMillis);
        kind.add(eventKind);
        track.add(trackId);
        session.add(sessionId);
        while (byUser.size() <= userId) {
            byUser.add(null);
        }
        if (byUser.get(userId) == null) {
            byUser.set(userId, new IntArrayList(4));
        }
        byUser.get(userId).add(e);
        long key = sessionId == Long.MIN_VALUE ? Long.MIN_VALUE + 1 + userId : sessionId;
        if (eventKind == ListeningLog.PLAY) {
            shadowed.add(open.put(key, trackId, e));
            item(tracks, trackId).play(tsMillis);
            item(artists, artistOf[trackId]).play(tsMillis);
            all.play(tsMillis);
            allPlaySeq.add(seq);
        } else {
            shadowed.add(OpenPlays.NONE);
        }
        if (eventKind == ListeningLog.SKIP) {
            int play = open.head(key, trackId);
            if (play != OpenPlays.NONE) {
                long playTs = ts.getLong(play);
                int before = shadowed.getInt(play);
                if (before == OpenPlays.NONE) {
                    open.remove(key, trackId);
                } else {
                    open.put(key, trackId, before);
                }
                item(tracks, trackId).skip(tsMillis, seq, playTs);
                item(artists, artistOf[trackId]).skip(tsMillis, seq, playTs);
                all.skip(tsMillis, seq, playTs);
            }
        }
        return true;
    }

    /** Where a play at {@code tsMillis} sits among the events (see {@link Moment}). */
    Moment moment(long tsMillis) {
        return new Moment(tsMillis, all.firstPlaySeqAt(tsMillis, allPlaySeq));
    }

    /** PLAYs of the window starting {@code from} before {@code at}, and the SKIPs among them that closed one. */
    long[] globalCounts(long from, Moment at) {
        return new long[] {all.plays(from, at), all.skips(from, at)};
    }

    /** The track's and its artist's counts of the window starting {@code from} before {@code at}. */
    PlayProbe.ItemCounts itemCounts(int trackId, long from, Moment at) {
        ItemTimeline t = trackId < tracks.size() ? tracks.get(trackId) : null;
        int a = artistOf[trackId];
        ItemTimeline ar = a < artists.size() ? artists.get(a) : null;
        return new PlayProbe.ItemCounts(t == null ? 0 : t.plays(from, at), t == null ? 0 : t.skips(from, at),
                ar == null ? 0 : ar.plays(from, at), ar == null ? 0 : ar.skips(from, at));
    }

    int artistOf(int trackId) {
        return artistOf[trackId];
    }

    /** Positions of the user's events in replay order (empty when none). */
    IntArrayList userEvents(int userId) {
        IntArrayList events = userId < byUser.size() ? byUser.get(userId) : null;
        return events == null ? EMPTY : events;
    }

    long ts(int e) {
        return ts.getLong(e);
    }

    byte kind(int e) {
        return kind.getByte(e);
    }

    int track(int e) {
        return track.getInt(e);
    }

    long session(int e) {
        return session.getLong(e);
    }

    private static final IntArrayList EMPTY = new IntArrayList(0);

    private static ItemTimeline item(List<ItemTimeline> items, int id) {
        while (items.size() <= id) {
            items.add(null);
        }
        ItemTimeline t = items.get(id);
        if (t == null) {
            t = new ItemTimeline();
            items.set(id, t);
        }
        return t;
    }
}
