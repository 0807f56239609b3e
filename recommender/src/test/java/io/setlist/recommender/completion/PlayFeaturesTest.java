package io.setlist.recommender.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayFeaturesTest {
    private static final TrackCatalog CATALOG = RandomListening.catalog(40, 10, 1);

    private static Listeners free(int users) {
        return new Listeners(new boolean[users], new int[users][0]);
    }

    @Test
    void labelsAgreeWithThePlayOutcomeLabelerOnRandomSessions() {
        ListeningLog log = RandomListening.log(20, 40, 300, 7);
        FeatureTable table = PlayFeatures.build(log, CATALOG, RandomListening.listeners(20, 3));

        // The labeler wants session order: events here are written session by session already.
        List<String> expected = new ArrayList<>();
        List<String> completedFirst = new ArrayList<>();
        PlayOutcomeLabeler labeler = new PlayOutcomeLabeler((u, t, ts, completed) ->
                (completed ? completedFirst : expected).add(u + "/" + t + "/" + ts + "/" + completed));
        for (int e = 0; e < log.size(); e++) {
            if (log.kind(e) == ListeningLog.PLAY) {
                labeler.play(log.session(e), log.user(e), log.track(e), log.ts(e));
            } else if (log.kind(e) == ListeningLog.SKIP) {
                labeler.skip(log.session(e), log.user(e), log.track(e), log.ts(e));
            }
        }
        labeler.finish();
        expected.addAll(completedFirst);
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            actual.add(table.user()[r] + "/" + table.track()[r] + "/" + table.ts()[r] + "/" + (table.completed()[r] == 1));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(table.completionRate()).isBetween(0.5, 0.8);
    }

    @Test
    void aSkipWithTheSameTimestampAsTheNextPlayIsKnownToThatPlay() {
        ListeningLog log = new ListeningLog();
        log.add(0, 1_000, ListeningLog.PLAY, 1, 9);
        log.add(0, 5_000, ListeningLog.SKIP, 1, 9);
        log.add(0, 5_000, ListeningLog.PLAY, 2, 9);   // same instant as the skip, written after it
        log.add(0, 9_000, ListeningLog.PLAY, 3, 9);
        FeatureTable t = PlayFeatures.build(log, CATALOG, free(1));
        int previousSkipped = t.column("previous_skipped");
        assertThat(t.completed()).containsExactly(0, 1, 1);
        assertThat(t.value(0, previousSkipped)).isZero();
        assertThat(t.value(1, previousSkipped)).isEqualTo(1.0);
        assertThat(t.value(2, previousSkipped)).isZero();
        assertThat(t.value(2, t.column("previous2_skipped"))).isEqualTo(1.0);
    }

    @Test
    void orphanSkipsAndOtherSessionsLabelNothing() {
        ListeningLog log = new ListeningLog();
        log.add(0, 1_000, ListeningLog.SKIP, 1, 1);   // no PLAY before it: orphan
        log.add(0, 2_000, ListeningLog.PLAY, 1, 1);
        log.add(0, 3_000, ListeningLog.SKIP, 1, 2);   // same track, other session: does not close it
        log.add(0, 4_000, ListeningLog.PLAY, 1, 2);
        log.add(0, 4_000, ListeningLog.PLAY, 1, 2);   // repeated play: a SKIP closes the latest
        log.add(0, 6_000, ListeningLog.SKIP, 1, 2);
        FeatureTable t = PlayFeatures.build(log, CATALOG, free(1));
        assertThat(t.completed()).containsExactly(1, 1, 0);
    }

    @Test
    void premiumStartsAtThePurchaseNotBefore() {
        ListeningLog log = new ListeningLog();
        log.add(0, 1_000, ListeningLog.PLAY, 1, 1);
        log.add(0, 2_000, ListeningLog.BUY_PREMIUM, -1, 1);
        log.add(0, 3_000, ListeningLog.PLAY, 2, 1);
        FeatureTable t = PlayFeatures.build(log, CATALOG, free(1));
        int premium = t.column("premium");
        assertThat(t.value(0, premium)).isZero();
        assertThat(t.value(1, premium)).isEqualTo(1.0);
    }

    @Test
    void skipRatesCountOnlySkipsAlreadySeen() {
        ListeningLog log = new ListeningLog();
        log.add(0, 1_000, ListeningLog.PLAY, 1, 1);
        log.add(0, 2_000, ListeningLog.PLAY, 2, 1);   // track 1 still open: its skip comes later
        log.add(0, 3_000, ListeningLog.SKIP, 1, 1);
        log.add(0, 4_000, ListeningLog.PLAY, 1, 1);
        FeatureTable t = PlayFeatures.build(log, CATALOG, free(1));
        int trackRate = t.column("track_skip_rate");
        int trackPlays = t.column("track_plays_log");
        assertThat(t.value(2, trackPlays)).isEqualTo(Math.log1p(1));
        // Play 3 sees one earlier play of track 1, skipped: its rate is above the prior-only rate of play 1.
        assertThat(t.value(2, trackRate)).isGreaterThan(t.value(0, trackRate));
        assertThat(t.value(1, t.column("user_skip_rate"))).isLessThan(t.value(2, t.column("user_skip_rate")));
    }
}
