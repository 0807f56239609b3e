package io.setlist.recommender.interactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void indexOrderIsAscendingIdWhateverTheInputOrder() {
        int[] ids = {42, -3, 7, 1000};
        IdIndex index = IdIndex.of(ids);

        assertThat(index.size()).isEqualTo(4);
        assertThat(index.idAt(0)).isEqualTo(-3);
        assertThat(index.idAt(1)).isEqualTo(7);
        assertThat(index.idAt(2)).isEqualTo(42);
        assertThat(index.idAt(3)).isEqualTo(1000);
        for (int i = 0; i < index.size(); i++) {
            assertThat(index.indexOf(index.idAt(i))).isEqualTo(i);
        }
        assertThat(ids).containsExactly(42, -3, 7, 1000); // input not mutated
    }

    @Test
    void absentIdsAreMinusOne() {
        IdIndex index = IdIndex.of(new int[] {10, 20});
        assertThat(index.indexOf(15)).isEqualTo(-1);
        assertThat(index.indexOf(5)).isEqualTo(-1);
        assertThat(index.indexOf(25)).isEqualTo(-1);
        assertThat(IdIndex.of(new int[0]).indexOf(0)).isEqualTo(-1);
    }

    @Test
    void duplicatesAreRejected() {
        assertThatThrownBy(() -> IdIndex.of(new int[] {3, 1, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
    }
}
