package io.setlist.recommender.interactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlayCountsTest {

    @Test
    void buildsSortedRowsAndSumsDuplicatePairs() {
        PlayCounts counts = PlayCounts.builder()
                .add(20, 300, 4)
                .add(10, 200, 1)
                .add(20, 100, 2)
                .add(20, 300, 6)   // duplicate of (20, 300)
                .add(10, 300, 5)
                .build();

        assertThat(counts.users()).isEqualTo(2);
        assertThat(counts.artists()).isEqualTo(3);
        assertThat(counts.nonZeros()).isEqualTo(4);
        assertThat(counts.rowStart()).containsExactly(0, 2, 4);
        // user 10 = index 0: artists 200 (idx 1), 300 (idx 2); user 20: 100 (idx 0), 300 (idx 2)
        assertThat(counts.columns()).containsExactly(1, 2, 0, 2);
        assertThat(counts.plays()).containsExactly(1f, 5f, 2f, 10f);
        assertThat(counts.rowLength(1)).isEqualTo(2);
    }

    @Test
    void matchesANaiveSortedMapForAnyInputOrder() {
        Random random = new Random(11);
        List<int[]> triples = new ArrayList<>();
        Map<Integer, TreeMap<Integer, Integer>> expected = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            int user = random.nextInt(300) * 13;
            int artist = random.nextInt(400) - 50;
            int plays = 1 + random.nextInt(9);
            triples.add(new int[] {user, artist, plays});
            expected.computeIfAbsent(user, x -> new TreeMap<>()).merge(artist, plays, Integer::sum);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            Collections.shuffle(triples, random);
            PlayCounts.Builder builder = PlayCounts.builder();
            triples.forEach(t -> builder.add(t[0], t[1], t[2]));
            PlayCounts counts = builder.build();

            assertThat(counts.users()).isEqualTo(expected.size());
            long nonZeros = 0;
            for (int u = 0; u < counts.users(); u++) {
                TreeMap<Integer, Integer> row = expected.get(counts.userIds().idAt(u));
                assertThat(counts.rowLength(u)).isEqualTo(row.size());
                int i = counts.rowStart()[u];
                for (Map.Entry<Integer, Integer> e : row.entrySet()) {
                    assertThat(counts.artistIds().idAt(counts.columns()[i])).isEqualTo(e.getKey());
                    assertThat(counts.plays()[i]).isEqualTo(e.getValue().floatValue());
                    i++;
                }
                nonZeros += row.size();
            }
            assertThat(counts.nonZeros()).isEqualTo(nonZeros);
            assertThat(counts.rowStart()[counts.users()]).isEqualTo((int) nonZeros);
        }
    }

    @Test
    void emptyBuilderGivesEmptyCountsAndBuilderIsReusable() {
        PlayCounts.Builder builder = PlayCounts.builder();
        PlayCounts empty = builder.build();
        assertThat(empty.users()).isZero();
        assertThat(empty.rowStart()).containsExactly(0);

        builder.add(1, 2, 3);
        assertThat(builder.build().nonZeros()).isEqualTo(1);
        assertThat(builder.build().nonZeros()).isZero(); // build() empties the builder
    }

    @Test
    void nonPositivePlaysAreRejected() {
        assertThatThrownBy(() -> PlayCounts.builder().add(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlayCounts.builder().add(1, 2, -4)).isInstanceOf(IllegalArgumentException.class);
    }
}
