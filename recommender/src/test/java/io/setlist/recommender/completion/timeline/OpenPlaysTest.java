package io.setlist.recommender.completion.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenPlaysTest {

    private record Stream(long session, int track) {
    }

    /** Random puts and removes over a small key space (long probe runs, deletions that wrap), against a HashMap. */
    @Test
    void answersAsAMapDoesThroughGrowthAndDeletions() {
        Random random = new Random(11);
        OpenPlays open = new OpenPlays();
        Map<Stream, Integer> expected = new HashMap<>();
        List<Stream> keys = new ArrayList<>();
        for (int k = 0; k < 3_000; k++) {
            // sessions as the store sees them: real ids and the per-user keys near Long.MIN_VALUE
            long session = random.nextBoolean() ? random.nextInt(400) : Long.MIN_VALUE + 1 + random.nextInt(50);
            keys.add(new Stream(session, random.nextInt(40) - 1));
        }
        for (int step = 0; step < 200_000; step++) {
            Stream s = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(3) > 0) {
                int event = random.nextInt(1_000_000);
                Integer before = expected.put(s, event);
                assertThat(open.put(s.session(), s.track(), event)).isEqualTo(before == null ? OpenPlays.NONE : before);
            } else {
                open.remove(s.session(), s.track());
                expected.remove(s);
            }
            if (step % 5_000 == 0) {
                for (Stream k : keys) {
                    assertThat(open.head(k.session(), k.track())).isEqualTo(expected.getOrDefault(k, OpenPlays.NONE));
                }
            }
            assertThat(open.size()).isEqualTo(expected.size());
        }
        for (Stream k : keys) {
            assertThat(open.head(k.session(), k.track())).isEqualTo(expected.getOrDefault(k, OpenPlays.NONE));
        }
        for (Stream k : keys) {
            open.remove(k.session(), k.track());
        }
        assertThat(open.size()).isZero();
        assertThat(open.head(keys.get(0).session(), keys.get(0).track())).isEqualTo(OpenPlays.NONE);
    }
}
