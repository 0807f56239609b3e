package io.setlist.recommender.completion;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serving features equal training features: a probe at a logged play's user, track and time gets bit-for-bit the
 * row {@link PlayFeatures#build} gave that play, both on the whole log and on the restricted log a server loads
 * (the user's events and the PLAYs/SKIPs of the artist's tracks) with window-wide counts supplied from outside.
 */
class PlayFeaturesProbeTest {
    private static final int USERS = 12;
    private static final int TRACKS = 40;
    private static final int ARTISTS = 9;

    @Test
    void aProbeOnTheWholeLogGetsThePlaysOwnFeatures() {
        ListeningLog log = withSessionOpens(RandomListening.log(USERS, TRACKS, 300, 7));
        TrackCatalog catalog = RandomListening.catalog(TRACKS, ARTISTS, 8);
        Listeners listeners = RandomListening.listeners(USERS, 9);
        FeatureTable table = PlayFeatures.build(log, catalog, listeners);
        PlayProbe[] probes = new PlayProbe[table.rows()];
        for (int r = 0; r < table.rows(); r++) {
            probes[r] = new PlayProbe(table.user()[r], table.track()[r], table.ts()[r]);
        }
        double[] rows = PlayFeatures.probe(log, catalog, listeners, probes);
        assertThat(table.rows()).isGreaterThan(1000);
        assertThat(rows).containsExactly(table.x());
    }

    @Test
    void aProbeOnTheRestrictedLogWithWindowCountsGetsThePlaysOwnFeatures() {
        ListeningLog log = withSessionOpens(RandomListening.log(USERS, TRACKS, 300, 17));
        TrackCatalog catalog = RandomListening.catalog(TRACKS, ARTISTS, 18);
        Listeners listeners = RandomListening.listeners(USERS, 19);
        FeatureTable table = PlayFeatures.build(log, catalog, listeners);
        int d = table.columns();
        int checked = 0;
        for (int r = 0; r < table.rows(); r += 7) {
            int u = table.user()[r];
            int artist = catalog.artist(table.track()[r]);
            long[] counts = windowCounts(log, table.ts()[r]);
            ListeningLog restricted = restrict(log, u, artist, catalog);
            assertThat(restricted.size()).isLessThan(log.size() / 2);
            double[] row = PlayFeatures.probe(restricted, catalog, listeners,
                    new PlayProbe(u, table.track()[r], table.ts()[r], counts[0], counts[1]));
            for (int c = 0; c < d; c++) {
                assertThat(row[c]).as("play %d feature %s", r, table.names()[c]).isEqualTo(table.value(r, c));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void aProbeIsNotAPlay() {
        ListeningLog log = withSessionOpens(RandomListening.log(USERS, TRACKS, 50, 27));
        TrackCatalog catalog = RandomListening.catalog(TRACKS, ARTISTS, 28);
        Listeners listeners = RandomListening.listeners(USERS, 29);
        long end = log.ts(log.size() - 1) + 60_000;
        PlayProbe probe = new PlayProbe(3, 5, end);
        double[] alone = PlayFeatures.probe(log, catalog, listeners, probe);
        double[] withOthers = PlayFeatures.probe(log, catalog, listeners, new PlayProbe(3, 5, end - 1), probe,
                new PlayProbe(4, 5, end - 2));
        int d = PlayFeatures.NAMES.length;
        assertThat(java.util.Arrays.copyOfRange(withOthers, d, 2 * d)).containsExactly(alone);
    }

    /** An OPEN (kind OTHER) before each session's first event, as apps log it: a new session starts there. */
    private static ListeningLog withSessionOpens(ListeningLog log) {
        ListeningLog out = new ListeningLog();
        long previous = Long.MIN_VALUE;
        for (int e = 0; e < log.size(); e++) {
            if (log.session(e) != previous) {
                out.add(log.user(e), log.ts(e), ListeningLog.OTHER, -1, log.session(e));
                previous = log.session(e);
            }
            out.add(log.user(e), log.ts(e), log.kind(e), log.track(e), log.session(e));
        }
        return out;
    }

    /** The user's events and the PLAYs and SKIPs of the artist's tracks, in source order. */
    private static ListeningLog restrict(ListeningLog log, int user, int artist, TrackCatalog catalog) {
        List<Integer> keep = new ArrayList<>();
        for (int e = 0; e < log.size(); e++) {
            boolean listening = log.kind(e) == ListeningLog.PLAY || log.kind(e) == ListeningLog.SKIP;
            if (log.user(e) == user || listening && catalog.artist(log.track(e)) == artist) {
                keep.add(e);
            }
        }
        return log.select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * PLAYs before {@code t} and SKIPs that closed one, up to the first PLAY stamped {@code t}: counted here with a
     * stack of open plays per (session, track), independently of the replay.
     */
    private static long[] windowCounts(ListeningLog log, long t) {
        Long2ObjectOpenHashMap<ArrayDeque<Integer>> open = new Long2ObjectOpenHashMap<>();
        long plays = 0;
        long skips = 0;
        for (int e : log.chronological()) {
            byte kind = log.kind(e);
            if (log.ts(e) > t || log.ts(e) == t && kind == ListeningLog.PLAY) {
                break;
            }
            long key = log.session(e) * 1_000 + log.track(e);
            if (kind == ListeningLog.PLAY) {
                plays++;
                open.computeIfAbsent(key, k -> new ArrayDeque<>()).push(e);
            } else if (kind == ListeningLog.SKIP) {
                ArrayDeque<Integer> stack = open.get(key);
                if (stack != null && !stack.isEmpty()) {
                    stack.pop();
                    skips++;
                }
            }
        }
        return new long[] {plays, skips};
    }
}
