package io.setlist.lab.evaluation;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.lab.librec.SyntheticInteractions;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.ranking.RecommenderSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringTuningTest {

    @Test
    void theChoiceIsTheSameWhateverTheTestRowsHoldAndNeverWorseThanTheStartOnValidation() {
        Interactions data = SyntheticInteractions.of(SyntheticListening.generate(400, 3));
        boolean[] test = Split.RANDOM.testRows(data, null, 3);
        boolean[] train = new boolean[test.length];
        int[] scrambled = data.rowArtist().clone();
        int fresh = 1_000_000;
        for (int i = 0; i < test.length; i++) {
            train[i] = !test[i];
            if (test[i]) {
                scrambled[i] = fresh++; // artists no training row has: a tuner that read them would move
            }
        }
        Interactions other = new Interactions(data.source(), data.users(), data.rowUser(), scrambled,
                data.rowPlays(), data.profiles(), data.rejected());
        RecommenderSettings start = RecommenderSettings.defaults().withWeighting(Weighting.BM25).withThreads(1);

        List<String> log = new ArrayList<>();
        ScoringTuning.Result a = ScoringTuning.tune(data, UserRelationRows.NONE, train, Split.RANDOM, 3, start, 10,
                log::add);
        ScoringTuning.Result b = ScoringTuning.tune(other, UserRelationRows.NONE, train, Split.RANDOM, 3, start, 10,
                line -> { });

        assertThat(b.chosen()).isEqualTo(a.chosen());
        assertThat(b.validationNdcg()).isEqualTo(a.validationNdcg());
        assertThat(a.validationNdcg()).isGreaterThanOrEqualTo(a.startValidationNdcg());
        assertThat(a.evaluations()).isGreaterThan(20);
        assertThat(log).last().asString().startsWith("chosen on validation: ");
    }
}
