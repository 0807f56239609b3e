package io.setlist.recommender.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestByScoreThenLowerIdAgainstAFullSort() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(60);
            int k = random.nextInt(12);
            float[] score = new float[n];
            for (int i = 0; i < n; i++) {
                score[i] = random.nextInt(6); // many ties on purpose
            }
            int[] shuffled = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            TopK top = new TopK(k);
            for (int id : shuffled) {
                top.offer(id, score[id]);
            }
            int[] ids = new int[k];
            float[] scores = new float[k];
            int got = top.drainBestFirst(ids, scores, 0);

            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(Arrays.copyOf(ids, got)).containsExactly(expected);
            for (int i = 0; i < got; i++) {
                assertThat(scores[i]).isEqualTo(score[ids[i]]);
            }
            assertThat(top.size()).isZero();
        }
    }

    @Test
    void zeroCapacityAndNanAreIgnored() {
        TopK none = new TopK(0);
        none.offer(1, 5f);
        assertThat(none.size()).isZero();

        TopK two = new TopK(2);
        two.offer(1, Float.NaN);
        two.offer(2, 1f);
        assertThat(two.size()).isEqualTo(1);
    }
}
