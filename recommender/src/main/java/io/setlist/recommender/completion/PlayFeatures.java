package io.setlist.recommender.completion;

import java.util.Arrays;

/**
 * Labels every PLAY and describes it with features known <em>before</em> it starts.
 *
 * <p><b>Labels</b> follow {@link PlayOutcomeLabeler}'s rule: a SKIP closes the latest still-open PLAY of the same
 * track in the same session; a PLAY that no SKIP closes is completed; a SKIP with nothing to close is an orphan.
 *
 * <p><b>No look-ahead, by construction.</b> Events are replayed once in (timestamp, source order). A PLAY's
 * features are read from running counters <em>before</em> the PLAY updates them, and the counters only ever
 * change on events already replayed. So a skip rate "so far" is skips observed before the play divided by plays
 * started before it: a play still running counts as not (yet) skipped, exactly what a live system would see.
 * The same holds for premium (a BUY_PREMIUM event switches it on from then), likes, adverts and session state.
 * {@code PlayFeaturesLeakageTest} checks it by rewriting the future and comparing.
 */
public final class PlayFeatures {
    /** Feature names, in column order. */
    public static final String[] NAMES;
    private static final String[] BASE = {
        "user_skip_rate", "user_plays_log", "user_recent_skip_rate", "user_last5_skip_rate", "user_status_skip_rate", "user_like_rate", "user_ads_log",
        "track_skip_rate", "track_plays_log", "artist_skip_rate", "artist_plays_log",
        "user_artist_skip_rate", "user_artist_plays_log", "user_genre_skip_rate", "user_genre_plays_log", "user_track_plays_log", "user_track_skip_rate",
        "user_track_liked",
        "session_position_log", "session_skip_rate", "previous_skipped", "previous2_skipped", "has_previous", "session_ads",
        "session_minutes_log", "hour_sin", "hour_cos", "weekend",
        "duration_min", "popularity", "explicit", "release_age_years", "genre_match", "premium"};

    static {
        NAMES = Arrays.copyOf(BASE, BASE.length + TrackCatalog.AUDIO.length);
        System.arraycopy(TrackCatalog.AUDIO, 0, NAMES, BASE.length, TrackCatalog.AUDIO.length);
    }

    /**
     * A probe joins the session of the user's latest session event if that was at most this long before it
     * (30 minutes, the usual analytics session timeout); later, it starts a new session.
     */
    public static final long SESSION_GAP_MS = 30 * 60_000L;

    private PlayFeatures() {
    }

    /** The features and labels of every PLAY in {@code log}, rows in (timestamp, source order). */
    public static FeatureTable build(ListeningLog log, TrackCatalog catalog, Listeners listeners) {
        return new FeatureReplay(log, catalog, listeners).run();
    }

    /**
     * The features a PLAY of each probe's user and track at its time would get from {@link #build} on the same log
     * (row-major, {@code probes.length} rows of {@link #NAMES}); probes change nothing, so they do not see each
     * other. This is the serving side: given the events a probe depends on (its user's, and the PLAYs and SKIPs of
     * its artist's tracks), and the window-wide counts in the probe, it reproduces the training features.
     */
    public static double[] probe(ListeningLog log, TrackCatalog catalog, Listeners listeners, PlayProbe... probes) {
        for (PlayProbe p : probes) {
            if (p.user() < 0 || p.user() >= listeners.users() || p.track() < 0 || p.track() >= catalog.tracks()) {
                throw new IllegalArgumentException("probe " + p + " is outside the catalogue or listeners");
            }
        }
        return new FeatureReplay(log, catalog, listeners).probe(probes);
    }
}
