package io.setlist.lab.librec;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.lab.evaluation.Interactions;
import io.setlist.lab.evaluation.OfflineEvaluation;
import io.setlist.lab.evaluation.SetlistModels;
import io.setlist.lab.evaluation.Split;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LibRecUserKnnTest {

    @Test
    void recommendsUnseenArtistsForEveryTestUserAndIsDeterministic() {
        Interactions data = SyntheticInteractions.of(SyntheticListening.generate(150, 9));
        OfflineEvaluation evaluation = new OfflineEvaluation(data, null, Split.RANDOM.testRows(data, null, 2));
        int[] testUsers = evaluation.testUsers();
        LibRecUserKnn librec = new LibRecUserKnn(20, 7);

        int[][] lists = librec.recommend(evaluation.train(), data, testUsers, 10);
        int[][] again = librec.recommend(evaluation.train(), data, testUsers, 10);

        assertThat(lists.length).isEqualTo(testUsers.length);
        for (int i = 0; i < testUsers.length; i++) {
            IntOpenHashSet owned = new IntOpenHashSet(SetlistModels.owned(evaluation.train(), testUsers[i]));
            assertThat(lists[i]).as("user %d", testUsers[i]).hasSize(10).doesNotHaveDuplicates();
            assertThat(Arrays.stream(lists[i]).filter(owned::contains)).isEmpty();
            assertThat(again[i]).isEqualTo(lists[i]);
        }
        // it learned something: better than nothing on held-out artists
        assertThat(evaluation.evaluate(librec, 10).ndcg()).isGreaterThan(0.0);
    }
}
