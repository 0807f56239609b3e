package io.setlist.recommender.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlayOutcomeLabelerTest {

    private record Outcome(int userId, int trackId, long ts, boolean completed) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private PlayOutcomeLabeler labeler;

    @BeforeEach
    void setUp() {
        labeler = new PlayOutcomeLabeler((user, track, ts, completed) -> outcomes.add(new Outcome(user, track, ts, completed)));
    }

    @Test
    void skipClosesTheLatestOpenPlayOfTheSameTrack() {
        labeler.play(1, 7, 100, 1_000);
        labeler.play(1, 7, 200, 2_000);
        labeler.play(1, 7, 100, 3_000);  // repeated play of 100
        labeler.skip(1, 7, 100, 4_000);
        labeler.finish();

        assertThat(outcomes).containsExactly(
                new Outcome(7, 100, 3_000, false),  // the latest play of 100 was skipped
                new Outcome(7, 100, 1_000, true),
                new Outcome(7, 200, 2_000, true));
        assertThat(labeler.orphanSkips()).isZero();
    }

    @Test
    void repeatedSkipsUnwindRepeatedPlaysThenBecomeOrphans() {
        labeler.play(1, 7, 100, 1_000);
        labeler.play(1, 7, 100, 2_000);
        labeler.skip(1, 7, 100, 3_000);
        labeler.skip(1, 7, 100, 3_500);
        labeler.skip(1, 7, 100, 4_000);  // nothing left open
        labeler.play(1, 7, 100, 5_000);  // played again after all that: completes
        labeler.finish();

        assertThat(outcomes).containsExactly(
                new Outcome(7, 100, 2_000, false),
                new Outcome(7, 100, 1_000, false),
                new Outcome(7, 100, 5_000, true));
        assertThat(labeler.orphanSkips()).isEqualTo(1);
    }

    @Test
    void equalTimestampsFollowArrivalOrder() {
        labeler.skip(1, 7, 100, 1_000);  // arrives before the play with the same timestamp: orphan
        labeler.play(1, 7, 100, 1_000);
        labeler.play(1, 7, 200, 2_000);
        labeler.skip(1, 7, 200, 2_000);  // arrives after: closes it
        labeler.finish();

        assertThat(outcomes).containsExactly(
                new Outcome(7, 200, 2_000, false),
                new Outcome(7, 100, 1_000, true));
        assertThat(labeler.orphanSkips()).isEqualTo(1);
    }

    @Test
    void aSkipNeverReachesIntoAnotherSessionAndNewSessionsFlushTheOldOne() {
        labeler.play(1, 7, 100, 1_000);
        labeler.skip(2, 7, 100, 500);    // new session (timestamps restart per session): orphan
        assertThat(outcomes).containsExactly(new Outcome(7, 100, 1_000, true)); // session 1 flushed
        labeler.play(2, 8, 300, 600);
        labeler.skip(2, 8, 999, 700);    // different track: orphan
        labeler.finish();
        labeler.finish();                // idempotent

        assertThat(outcomes).containsExactly(
                new Outcome(7, 100, 1_000, true),
                new Outcome(8, 300, 600, true));
        assertThat(labeler.orphanSkips()).isEqualTo(2);
    }

    @Test
    void aPlayOfAnotherTrackDoesNotCloseAnything() {
        labeler.play(1, 7, 100, 1_000);
        labeler.play(1, 7, 200, 2_000);
        labeler.skip(1, 7, 100, 3_000);  // 100 is still open even though 200 started later
        labeler.finish();
        assertThat(outcomes).containsExactly(
                new Outcome(7, 100, 1_000, false),
                new Outcome(7, 200, 2_000, true));
    }

    @Test
    void manyPlaysInOneSessionGrowTheBuffers() {
        for (int i = 0; i < 1_000; i++) {
            labeler.play(5, 1, i % 10, i);
        }
        for (int i = 0; i < 10; i++) {
            labeler.skip(5, 1, i, 2_000);
        }
        labeler.finish();
        assertThat(outcomes).hasSize(1_000);
        assertThat(outcomes.stream().filter(o -> !o.completed())).hasSize(10)
                .allSatisfy(o -> assertThat(o.ts()).isGreaterThanOrEqualTo(990));
    }

    @Test
    void outOfOrderTimestampsWithinASessionAreRejected() {
        labeler.play(1, 7, 100, 2_000);
        assertThatThrownBy(() -> labeler.skip(1, 7, 100, 1_999)).isInstanceOf(IllegalArgumentException.class);
    }
}
