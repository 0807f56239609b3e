package io.setlist.lab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    /**
     * Three users at k=3, worked by hand:
     * <pre>
     * A: list [1,2,3], relevant {2,5}: one hit at rank 2. P=1/3, R=1/2, DCG=1/log2(3)=0.630930,
     *    IDCG (2 ideal hits)=1+0.630930, nDCG=0.386853, AP=(1/2)/2=0.25
     * B: list [7], relevant {7}: P=1/3, R=1, nDCG=1, AP=1
     * C: empty list, relevant {9}: all 0, not covered
     * means: P=2/9, R=1/2, nDCG=0.462284, MAP=0.416667; user coverage 2/3; catalog {1,2,3,7} of 10 = 0.4
     * </pre>
     */
    @Test
    void matchHandComputedValues() {
        RankingMetrics m = new RankingMetrics(3, 10);
        m.add(new int[] {1, 2, 3}, new IntOpenHashSet(new int[] {2, 5}));
        m.add(new int[] {7}, new IntOpenHashSet(new int[] {7}));
        m.add(new int[0], new IntOpenHashSet(new int[] {9}));

        assertThat(m.users()).isEqualTo(3);
        assertThat(m.precision()).isCloseTo(2.0 / 9, within(1e-9));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.ndcg()).isCloseTo((1.0 / (Math.log(3) / Math.log(2)) / (1 + 1 / (Math.log(3) / Math.log(2))) + 1) / 3,
                within(1e-9));
        assertThat(m.ndcg()).isCloseTo(0.462284, within(1e-6));
        assertThat(m.map()).isCloseTo((0.25 + 1) / 3, within(1e-9));
        assertThat(m.userCoverage()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.catalogCoverage()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void listsAreCutAtKAndAPerfectListScoresOne() {
        RankingMetrics m = new RankingMetrics(2, 5);
        m.add(new int[] {4, 3, 1, 2}, new IntOpenHashSet(new int[] {4, 3, 1}));
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.ndcg()).isCloseTo(1.0, within(1e-12));
        assertThat(m.map()).isCloseTo(1.0, within(1e-12));
        assertThat(m.catalogCoverage()).isCloseTo(2.0 / 5, within(1e-12)); // 1 and 2 are beyond k
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new RankingMetrics(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RankingMetrics(1, 1).add(new int[] {1}, new IntOpenHashSet()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
