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
 */
public record PlayProbe(int user, int track, long ts, long globalPlays, long globalSkips) {

    /** A probe whose window-wide counts come from its log. */
    public PlayProbe(int user, int track, long ts) {
        this(user, track, ts, -1, -1);
    }

    public PlayProbe {
        if ((globalPlays < 0) != (globalSkips < 0) || globalSkips > globalPlays) {
            throw new IllegalArgumentException("global counts must both be -1, or 0 <= skips <= plays: "
                    + globalSkips + " of " + globalPlays);
        }
    }
}
