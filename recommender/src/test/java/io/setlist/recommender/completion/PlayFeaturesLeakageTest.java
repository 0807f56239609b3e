package io.setlist.recommender.completion;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * No feature reads the future: rewriting every event after a cut-off (other tracks, other kinds, dropped and
 * extra events) must leave the features of every play before the cut-off bit-for-bit unchanged, while the
 * labels of some of those plays do change (their SKIPs fell after the cut-off), so the test can fail.
 */
class PlayFeaturesLeakageTest {

    @Test
    void featuresOfEarlierPlaysIgnoreAnyRewriteOfTheFuture() {
        int users = 15;
        int tracks = 30;
        TrackCatalog catalog = RandomListening.catalog(tracks, 8, 1);
        Listeners listeners = RandomListening.listeners(users, 2);
        ListeningLog original = RandomListening.log(users, tracks, 400, 3);
        int[] order = original.chronological();
        long cutoff = original.ts(order[order.length / 2]);

        ListeningLog rewritten = new ListeningLog();
        SplittableRandom rng = new SplittableRandom(99);
        IntArrayList kept = new IntArrayList();
        for (int e = 0; e < original.size(); e++) {
            if (original.ts(e) < cutoff) {
                kept.add(e);
                rewritten.add(original.user(e), original.ts(e), original.kind(e), original.track(e), original.session(e));
            } else if (rng.nextInt(4) != 0) { // a quarter of the future is dropped, the rest is scrambled
                byte kind = (byte) rng.nextInt(5);
                int track = kind == ListeningLog.ADVERTISEMENT || kind == ListeningLog.BUY_PREMIUM ? -1 : rng.nextInt(tracks);
                rewritten.add(rng.nextInt(users), original.ts(e) + rng.nextInt(10_000), kind, track, original.session(e));
                if (rng.nextInt(3) == 0) {
                    rewritten.add(original.user(e), original.ts(e), ListeningLog.SKIP, rng.nextInt(tracks), original.session(e));
                }
            }
        }

        FeatureTable a = PlayFeatures.build(original, catalog, listeners);
        FeatureTable b = PlayFeatures.build(rewritten, catalog, listeners);
        int d = a.columns();
        int earlier = 0;
        int labelsChanged = 0;
        for (int r = 0; r < a.rows() && a.ts()[r] < cutoff; r++) {
            earlier++;
            assertThat(b.ts()[r]).isEqualTo(a.ts()[r]);
            for (int c = 0; c < d; c++) {
                assertThat(b.value(r, c)).as("play %d feature %s", r, a.names()[c]).isEqualTo(a.value(r, c));
            }
            if (a.completed()[r] != b.completed()[r]) {
                labelsChanged++;
            }
        }
        assertThat(earlier).isGreaterThan(500);
        assertThat(labelsChanged).as("some SKIPs of earlier plays fell after the cut-off").isPositive();
    }
}
