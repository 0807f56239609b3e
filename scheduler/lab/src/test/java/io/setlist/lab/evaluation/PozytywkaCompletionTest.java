package io.setlist.lab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.recommender.completion.model.TemporalEvaluation;
import io.setlist.recommender.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The completion pipeline on the real pozytywka-v2 files (read directly, no warehouse). */
class PozytywkaCompletionTest {

    @Test
    void labelsMatchTheDatasetsDocumentedSkipRateAndModelsBeatTheBaseline() {
        java.util.List<Interactions.Rejected> rejects = new java.util.ArrayList<>();
        ListeningData data = PozytywkaFiles.read(SharedData.dir("pozytywka-v2"), rejects);
        assertThat(rejects).as("v2 is the clean release").isEmpty();
        FeatureTable features = data.features();
        // SOURCE.md: 10,229 PLAYs, 3,761 of them closed by a SKIP (36.77 %).
        assertThat(features.rows()).isEqualTo(10_229);
        assertThat(Math.round(features.rows() * (1 - features.completionRate()))).isEqualTo(3_761);
        // premium_user is the end-of-period state; the 28 buyers start free.
        int premiumAtStart = 0;
        for (boolean p : data.listeners().premiumAtStart()) {
            premiumAtStart += p ? 1 : 0;
        }
        assertThat(premiumAtStart).isZero();

        TemporalEvaluation.Report report = TemporalEvaluation.evaluate(features, 14, 14, 1, ModelSelection.Grid.small());
        TemporalEvaluation.ModelResult majority = report.models().get(0);
        TemporalEvaluation.ModelResult boosted = report.models().get(2);
        assertThat(boosted.algorithm()).isEqualTo("gradient-boosted-trees");
        assertThat(boosted.test().accuracy()).isGreaterThan(majority.test().accuracy() + 0.02);
        assertThat(boosted.test().auc()).isGreaterThan(0.72);
        assertThat(boosted.test().logLoss()).isLessThan(majority.test().logLoss() - 0.05);
    }
}
