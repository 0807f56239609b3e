package io.setlist.recommender.completion;

/**
 * A play that may happen, to be described by {@link PlayFeatures#probe}.
 *
 * @param user        user index
 * @param track       track index
 * @param ts          when it would start, epoch millis
 * @param globalPlays PLAYs of the whole replay window before it, or -1 to count them from the probe's log (which
 *                    then must be the whole window)
 * @param globalSkips SKIPs of the window before it that closed a PLAY (orphans excluded), or -1 as above
 * @param items       the track's and its artist's window counts before it, or null to count them from the log
 *                    (which then must hold every PLAY and SKIP of the artist's tracks)
 */
public record PlayProbe(int user, int track, long ts, long globalPlays, long globalSkips, ItemCounts items) {

    /**
     * PLAYs of the window before a probe, and the SKIPs that closed one of them, of its track and its artist.
     */
    public record ItemCounts(int trackPlays, int trackSkips, int artistPlays, int artistSkips) {
    }

    /** A probe whose window-wide counts come from its log. */
    public PlayProbe(int user, int track, long ts) {
        this(user, track, ts, -1, -1);
    }

    /** A probe whose track and artist counts come from its log. */
    public PlayProbe(int user, int track, long ts, long globalPlays, long globalSkips) {
        this(user, track, ts, globalPlays, globalSkips, null);
    }

    public PlayProbe {
        if ((globalPlays < 0) != (globalSkips < 0) || globalSkips > globalPlays) {
            throw new IllegalArgumentException("global counts must both be -1, or 0 <= skips <= plays: "
                    + globalSkips + " of " + globalPlays);
        }
    }
}
