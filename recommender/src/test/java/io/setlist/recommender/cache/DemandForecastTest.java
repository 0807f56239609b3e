package io.setlist.recommender.cache;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.TrackCatalog;
import io.setlist.recommender.completion.model.Classifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemandForecastTest {
    private static final long DAY = 86_400_000L;
    private static final long END = 100 * DAY;
    private static final DemandWeights WEIGHTS = new DemandWeights(28, 7, 0);

    /** Track 0: 3 plays a day for the whole window, all completed; track 1: one play yesterday, skipped. */
    private static FeatureTable window() {
        List<long[]> rows = new ArrayList<>(); // ts, track, completed
        for (int d = 0; d < WEIGHTS.windowDays(); d++) {
            for (int p = 0; p < 3; p++) {
                rows.add(new long[]{END - d * DAY - 1000 - p, 0, 1});
            }
        }
        rows.add(new long[]{END - 5000, 1, 0});
        int n = rows.size();
        double[] x = new double[n];
        byte[] completed = new byte[n];
        long[] ts = new long[n];
        int[] track = new int[n];
        for (int r = 0; r < n; r++) {
            ts[r] = rows.get(r)[0];
            track[r] = (int) rows.get(r)[1];
            completed[r] = (byte) rows.get(r)[2];
            x[r] = track[r]; // one feature: the track id, so a model can tell the tracks apart
        }
        return new FeatureTable(new String[]{"track"}, x, completed, ts, new int[n], track);
    }

    @Test
    void aTrackPlayedAConstantNumberOfTimesADayExpectsThatMany() {
        DemandForecast f = DemandForecast.of(window(), 3, END, null, WEIGHTS);
        assertThat(f.tracks()).isEqualTo(2);
        int steady = f.rate(0).trackId() == 0 ? 0 : 1;
        assertThat(f.expectedPlays(steady)).isCloseTo(3.0, within(1e-9));
        assertThat(f.rate(steady).plays()).isEqualTo(84);
        // without a champion: the Beta-smoothed rate, pulled toward the global rate 84/85
        double global = 84 / 85.0;
        assertThat(f.globalRate()).isCloseTo(global, within(1e-12));
        assertThat(f.probability(1 - steady))
                .isCloseTo((0 + DemandForecast.PRIOR_PLAYS * global) / (1 + DemandForecast.PRIOR_PLAYS), within(1e-12));
    }

    @Test
    void aChampionsScoresAreAveragedOverTheTracksPlays() {
        Classifier byTrack = new Classifier() {
            @Override
            public double probability(double[] x, int offset) {
                return x[offset] == 0 ? 0.9 : 0.2;
            }

            @Override
            public String algorithm() {
                return "by-track";
            }

            @Override
            public String parameters() {
                return "";
            }

            @Override
            public void write(java.io.DataOutputStream out) {
                throw new UnsupportedOperationException("test model");
            }
        };
        DemandForecast f = DemandForecast.of(window(), 3, END, byTrack, WEIGHTS);
        for (int i = 0; i < f.tracks(); i++) {
            assertThat(f.probability(i)).isCloseTo(f.rate(i).trackId() == 0 ? 0.9 : 0.2, within(1e-9));
        }
    }

    @Test
    void sizesComeFromTheCatalogue() {
        TrackCatalog.Builder b = new TrackCatalog.Builder();
        b.add(0, 180_000, 3_600_000);
        b.add(0, 200_000, 4_000_000);
        b.add(0, 1, 1); // never played: not planned
        DemandForecast f = DemandForecast.of(window(), 3, END, null, WEIGHTS);
        List<TrackDemand> demand = f.demand(b.build());
        assertThat(demand).extracting(TrackDemand::trackId).containsExactlyInAnyOrder(0, 1);
        for (TrackDemand d : demand) {
            assertThat(d.sizeBytes()).isEqualTo(d.trackId() == 0 ? 3_600_000 : 4_000_000);
            assertThat(d.expectedPlays()).isPositive();
        }
    }

    @Test
    void historyBeforeTheWindowAddsDemandButNoCandidatesAndNoRates() {
        // The window's plays plus one play of track 2, 40 days before the end: history spans 40 days.
        FeatureTable w = window();
        int n = w.rows() + 1;
        long[] ts = java.util.Arrays.copyOf(w.ts(), n);
        int[] track = java.util.Arrays.copyOf(w.track(), n);
        byte[] completed = java.util.Arrays.copyOf(w.completed(), n);
        ts[n - 1] = END - 40 * DAY;
        track[n - 1] = 2;
        FeatureTable history = new FeatureTable(new String[]{"track"}, java.util.Arrays.copyOf(w.x(), n), completed,
                ts, new int[n], track);
        DemandForecast f = DemandForecast.of(history, 3, END, null, new DemandWeights(28, 7, 0.5));
        assertThat(f.tracks()).isEqualTo(2);
        int steady = f.rate(0).trackId() == 0 ? 0 : 1;
        // 0.5 × 3 (recent rate) + 0.5 × 84 plays / 40 days
        assertThat(f.expectedPlays(steady)).isCloseTo(1.5 + 0.5 * 84 / 40.0, within(1e-9));
        assertThat(f.rate(steady).plays()).isEqualTo(84);
        assertThat(f.globalRate()).isCloseTo(84 / 85.0, within(1e-12));
    }
}
