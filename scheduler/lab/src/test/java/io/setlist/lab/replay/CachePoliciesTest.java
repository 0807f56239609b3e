package io.setlist.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.cache.DemandWeights;
import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.TrackCatalog;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CachePoliciesTest {

    private static boolean[] replay(CachePolicy policy, int[] tracks, long size) {
        boolean[] hits = new boolean[tracks.length];
        for (int i = 0; i < tracks.length; i++) {
            hits[i] = policy.request(i, i, tracks[i], size);
        }
        return hits;
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        // Room for two tracks: 1 2 1 3 (evicts 2) 2 (miss, evicts 1) 1 (miss)
        assertThat(replay(new LruCache(20), new int[] {1, 2, 1, 3, 2, 1}, 10))
                .containsExactly(false, false, true, false, false, false);
    }

    @Test
    void lfuKeepsTheMostPlayed() {
        // 1 is played three times; 3 then 2 then 3 fight for the second slot.
        assertThat(replay(new LfuCache(20), new int[] {1, 1, 1, 2, 3, 1, 2}, 10))
                .containsExactly(false, true, true, false, false, true, false);
    }

    @Test
    void beladyIsNeverBeatenOnEqualSizes() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] tracks = new int[3_000];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = (int) Math.min(199, Math.floor(Math.pow(rng.nextDouble(), 3) * 200));
        }
        int belady = count(replay(new BeladyCache(200, tracks), tracks, 10));
        assertThat(belady).isGreaterThan(count(replay(new LruCache(200), tracks, 10)));
        assertThat(belady).isGreaterThan(count(replay(new LfuCache(200), tracks, 10)));
        // A track never requested again is not admitted, so a one-off cannot displace anything.
        assertThat(replay(new BeladyCache(10, new int[] {1, 2, 1}), new int[] {1, 2, 1}, 10))
                .containsExactly(false, false, true);
    }

    private static int count(boolean[] hits) {
        int n = 0;
        for (boolean h : hits) {
            n += h ? 1 : 0;
        }
        return n;
    }

    @Test
    void theDailyPlanFitsItsCapacityAndPrefersTracksPlayedToTheEnd() {
        // Two tracks of equal size and popularity; track 0 is always completed, track 1 always skipped.
        TrackCatalog.Builder b = new TrackCatalog.Builder();
        b.add(0, 200_000, 4_000_000);
        b.add(0, 200_000, 4_000_000);
        b.add(0, 200_000, 3_000_000);
        TrackCatalog catalog = b.build();
        int n = 60;
        long day = 86_400_000L;
        long[] ts = new long[n];
        int[] track = new int[n];
        byte[] completed = new byte[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 100 * day + i * day / 4;
            track[i] = i % 2;
            completed[i] = (byte) (track[i] == 0 ? 1 : 0);
        }
        FeatureTable plays = new FeatureTable(new String[0], new double[0], completed, ts, new int[n], track);
        IntOpenHashSet plan = CacheEvaluation.plan(plays, catalog, null, 5_000_000, DemandWeights.DEFAULT).apply(110 * day);
        assertThat(plan).containsExactly(0);
        assertThat(CacheEvaluation.plan(plays, catalog, null, 3_999_999, DemandWeights.DEFAULT).apply(110 * day)).isEmpty();
    }

    @Test
    void tuningReplaysTheSamePlanAndLfuAsTheEvaluation() {
        // 60 days of skewed plays over 50 tracks of different sizes; the tune's figures for a candidate must be the
        // evaluation's for the same weights, so what is chosen on validation is what is later reported.
        SplittableRandom rng = new SplittableRandom(11);
        TrackCatalog.Builder b = new TrackCatalog.Builder();
        for (int t = 0; t < 50; t++) {
            b.add(0, 200_000, 1_000_000 + 37_000L * t);
        }
        TrackCatalog catalog = b.build();
        long day = 86_400_000L;
        int n = 6_000;
        long[] ts = new long[n];
        int[] track = new int[n];
        byte[] completed = new byte[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1000 * day + i * (60 * day / n);
            track[i] = (int) Math.min(49, Math.floor(Math.pow(rng.nextDouble(), 2) * 50));
            completed[i] = (byte) (rng.nextDouble() < 0.6 ? 1 : 0);
        }
        FeatureTable plays = new FeatureTable(new String[0], new double[0], completed, ts, new int[n], track);
        double[] shares = {0.1, 0.3};
        List<DemandWeights> grid = List.of(new DemandWeights(7, 3, 0), new DemandWeights(28, 14, 0.5));
        List<CacheEvaluation.Trial> trials = CacheEvaluation.tune(plays, catalog, 7, 28, shares, grid);
        assertThat(trials).extracting(CacheEvaluation.Trial::weights).containsExactlyElementsOf(grid);
        for (CacheEvaluation.Trial trial : trials) {
            CacheEvaluation.Report report = CacheEvaluation.evaluate(plays, catalog, null, 7, 28, shares,
                    trial.weights());
            for (int c = 0; c < shares.length; c++) {
                double share = shares[c];
                assertThat(trial.fullPlayHitRate()[c]).isEqualTo(rate(report, "Setlist plan (rates)", share));
                assertThat(trial.lfuFullPlayHitRate()[c]).isEqualTo(rate(report, "LFU", share));
            }
            assertThat(trial.fullPlayHitRate()[1]).isGreaterThan(0);
        }
    }

    private static double rate(CacheEvaluation.Report report, String policy, double share) {
        return report.rows().stream().filter(r -> r.policy().equals(policy) && r.capacityShare() == share)
                .findFirst().orElseThrow().fullPlayHitRate();
    }
}
