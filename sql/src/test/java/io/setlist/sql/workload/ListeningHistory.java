package io.setlist.sql.workload;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes one user's app and listening events for the window, in time order: FIRST_INSTALL on an in-window
 * install date, then per active day 1–3 sessions, each an OPEN followed by 3–25 PLAYs, some of which end early
 * in a SKIP.
 *
 * <p>Sessions of one user never overlap: each starts after the previous one ended, so a user's rows are ordered
 * by timestamp and grouped by session at the same time.
 */
final class ListeningHistory {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;
    /** Evening-heavy listening, by hour of day (UTC). */
    private static final WeightedIndex HOUR_OF_DAY = new WeightedIndex(new double[] {
        1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.0, 2.0, 2.0, 2.0,
        2.3, 2.2, 2.0, 2.1, 2.4, 2.8, 3.2, 3.5, 3.4, 3.0, 2.4, 1.6});
    /** Baseline log-odds giving a mean skip rate near 35% once user and track biases are added. */
    private static final double SKIP_INTERCEPT = -0.75;
    /** Share of plays that wander off the user's own artists into their genres. */
    private static final double EXPLORE = 0.12;
    private static final long NO_SESSION = 0;

    private final Catalogue catalogue;
    private final SyntheticWorkload.Settings settings;
    private final CsvRowWriter events;
    private final UtcMillisFormat time = new UtcMillisFormat();
    private long nextSessionId = 1;

    ListeningHistory(Catalogue catalogue, SyntheticWorkload.Settings settings, CsvRowWriter events) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.events = events;
    }

    void write(Listener listener, Taste taste, SplittableRandom rng) {
        LocalDate firstDay = settings.firstDay();
        long installDay = listener.installDate().toEpochDay();
        boolean installsInWindow = !listener.installDate().isBefore(firstDay);
        int startDay = installsInWindow ? (int) (installDay - firstDay.toEpochDay()) : 0;
        long busyUntil = Long.MIN_VALUE; // end of this user's previous session
        for (int d = startDay; d < settings.days(); d++) {
            long dayStart = (firstDay.toEpochDay() + d) * DAY_MS;
            long daysSinceInstall = firstDay.toEpochDay() + d - installDay;
            if (daysSinceInstall == 0) {
                // Install before 22:00 so that the first session still falls on the install date.
                long installedAt = dayStart + Math.min(22 * HOUR_MS, timeOfDay(rng));
                event(listener, installedAt, "FIRST_INSTALL", null, NO_SESSION);
                busyUntil = installedAt;
            } else if (!RandomDraws.chance(rng, activeProbability(listener, daysSinceInstall))) {
                continue;
            }
            busyUntil = day(listener, taste, rng, dayStart, busyUntil);
        }
    }

    /** Retention decays from install towards a floor, scaled by how engaged the user is. */
    private static double activeProbability(Listener listener, long daysSinceInstall) {
        if (daysSinceInstall > listener.activeDays()) {
            return 0;
        }
        return listener.engagement() * (0.3 + 0.7 * Math.exp(-daysSinceInstall / 7.0));
    }

    private long day(Listener listener, Taste taste, SplittableRandom rng, long dayStart, long busyUntil) {
        int sessions = 1 + (RandomDraws.chance(rng, 0.5) ? 1 : 0) + (RandomDraws.chance(rng, 0.25) ? 1 : 0);
        long[] starts = new long[sessions];
        for (int i = 0; i < sessions; i++) {
            starts[i] = dayStart + timeOfDay(rng);
        }
        Arrays.sort(starts);
        for (long planned : starts) {
            long start = Math.max(planned, busyUntil + 5_000 + rng.nextInt(115_000));
            busyUntil = session(listener, taste, rng, start);
        }
        return busyUntil;
    }

    /** Writes one session and returns when its last track stopped. */
    private long session(Listener listener, Taste taste, SplittableRandom rng, long start) {
        long sessionId = nextSessionId++;
        event(listener, start, "OPEN", null, sessionId);
        long t = start + 1_000 + rng.nextInt(7_000);
        int plays = 3 + (int) (23 * Math.pow(rng.nextDouble(), 1.4));
        for (int i = 0; i < plays; i++) {
            boolean familiar = !taste.isEmpty() && !RandomDraws.chance(rng, EXPLORE);
            int artist = familiar ? taste.favourite(rng) : Taste.pickArtist(listener, catalogue, rng);
            int track = catalogue.trackOf(artist, rng);
            int duration = catalogue.trackDurationMs[track];
            event(listener, t, "PLAY", catalogue.trackIds[track], sessionId);
            double logOdds = SKIP_INTERCEPT + listener.skipBias() + catalogue.trackSkipBias[track]
                    + (familiar ? 0.0 : 0.5) + 0.3 * RandomDraws.gaussian(rng);
            long end;
            if (RandomDraws.chance(rng, RandomDraws.logistic(logOdds))) {
                // Most skips come early in the track; always strictly before it would have ended.
                end = t + 1_000 + (long) ((duration - 2_000) * Math.pow(rng.nextDouble(), 1.8));
                event(listener, end, "SKIP", catalogue.trackIds[track], sessionId);
            } else {
                end = t + duration;
            }
            t = end + rng.nextInt(3_000);
        }
        return t;
    }

    private static long timeOfDay(SplittableRandom rng) {
        return HOUR_OF_DAY.draw(rng) * HOUR_MS + rng.nextInt((int) HOUR_MS);
    }

    private void event(Listener listener, long at, String name, String trackId, long sessionId) {
        events.plain(listener.userId()).plain(time.format(at)).plain(name).plain(trackId == null ? "" : trackId);
        if (sessionId == NO_SESSION) {
            events.plain("");
        } else {
            events.number(sessionId);
        }
        events.endRow();
    }
}
